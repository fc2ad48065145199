import { providerNames, type TokenRecord } from '../../shared/model.js';
import type { ProviderAdapter, VerifyContext } from '../providers/provider.js';
import { checkBaseUrl, providerHttp } from '../providers/provider-http.js';
import { RateGate } from '../providers/rate-gate.js';
import { providerAdapters } from '../providers/registry.js';
import type { VerifyCallOptions } from '../providers/verify-calls.js';
import type { ServiceParts } from '../service-parts.js';
import { companionAccount } from '../providers/oauth/companion-slots.js';

/** How lifecycle calls reach providers: the registry (or test adapters), shared rate gate, HTTP limits. */
export type ProviderCallOptions = VerifyCallOptions;

export interface ProviderSession {
  readonly options: ProviderCallOptions & { gate: RateGate };
  adapterOf(record: TokenRecord): ProviderAdapter | null;
  /** Where its provider's pages are: the token's base URL, else the provider's default. */
  baseUrlOf(record: TokenRecord): string | null;
  /** A context for asking the provider about `secret` (the current value, a pending or a previous one). */
  contextFor(record: TokenRecord, secret: string): VerifyContext;
  manageLink(record: TokenRecord): string | null;
  createLink(record: TokenRecord): string | null;
}

/** One rate gate and one set of adapters for every lifecycle call of a service. */
export function providerSession({ keychain, now }: ServiceParts, given: ProviderCallOptions = {}): ProviderSession {
  const options = { ...given, gate: given.gate ?? new RateGate() };
  const adapters = options.adapters ?? providerAdapters;
  const adapterOf = (record: TokenRecord) => adapters[record.provider] ?? null;
  const baseUrlOf = (record: TokenRecord) => {
    const configured = record.baseUrl ?? adapterOf(record)?.defaultBaseUrl ?? null;
    return configured ? checkBaseUrl(configured).href : null;
  };
  return {
    options,
    adapterOf,
    baseUrlOf,
    contextFor(record, secret) {
      const baseUrl = baseUrlOf(record);
      if (!baseUrl) throw new Error(`Set this token's base URL so Lapse knows where its ${providerNames[record.provider]} API is.`);
      return {
        secret,
        record,
        http: providerHttp({ baseUrl, gate: options.gate, ...options.http }),
        companion: (slot) => keychain.get(companionAccount(record.id, slot)),
        now: now(),
      };
    },
    manageLink(record) {
      const baseUrl = baseUrlOf(record);
      return baseUrl ? (adapterOf(record)?.links.manageTokens?.(baseUrl, record.kind) ?? null) : null;
    },
    createLink(record) {
      const baseUrl = baseUrlOf(record);
      return baseUrl ? (adapterOf(record)?.links.createToken?.(baseUrl, record.kind) ?? null) : null;
    },
  };
}
