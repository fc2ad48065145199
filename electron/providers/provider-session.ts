import { providerNames, type ProviderId, type TokenRecord } from '../../shared/model.js';
import { BaseUrlMissing } from './base-url-missing.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import {
  verdictOf,
  type CompanionSlot,
  type ProviderAdapter,
  type RevocationCheck,
  type TokenType,
  type VerifyContext,
  type VerifyOutcome,
} from './provider.js';
import type { RotationCapability } from './rotation.js';
import { checkBaseUrl, providerHttp, type ProviderHttpOptions } from './provider-http.js';
import { RateGate } from './rate-gate.js';
import { gateKey } from './rate-limit-headers.js';
import { TransientFault } from './transient-fault.js';
import { providerAdapters } from './registry.js';
import { VerifyAdmission } from './verify-admission.js';
import type { ServiceParts } from '../service-parts.js';
import { companionAccount } from '../vault/token-slots.js';

/** How a service reaches providers: the registry (or test adapters), a rate gate to share, HTTP limits. */
export interface ProviderCallOptions {
  /** The providers to ask (default: the registry). */
  adapters?: Partial<Record<ProviderId, ProviderAdapter>>;
  /** The rate gate to share (tests and the benchmark read its count of requests sent inside a window). */
  gate?: RateGate;
  /** Timeouts and limits of provider HTTP (tests shorten them). */
  http?: Pick<
    ProviderHttpOptions,
    'firstByteTimeoutMs' | 'totalTimeoutMs' | 'maxBodyBytes' | 'maxRateWaitMs' | 'retries'
  >;
}

/** What the provider said of a value, or the fault that kept it from saying (which says nothing about the value). */
export type ValueCheck = { kind: 'answer'; outcome: VerifyOutcome } | { kind: 'fault'; message: string };

export interface ProviderSession {
  readonly options: ProviderCallOptions & { gate: RateGate };
  adapterOf(record: TokenRecord): ProviderAdapter | null;
  /** Where its provider's pages are: the token's base URL, else the provider's default. */
  baseUrlOf(record: TokenRecord): string | null;
  /** A context for asking the provider about `secret` (the current value, a pending or a previous one). */
  contextFor(record: TokenRecord, secret: string): VerifyContext;
  /**
   * Ask `record`'s provider whether a value works, under the service's one admission queue: not
   * inside a rate-limit window it knows of, not beyond the provider's concurrency, nor beyond
   * `overall` asking at once (a verify-all's limit).
   */
  ask<T>(record: TokenRecord, task: () => Promise<T>, overall?: number | null, secret?: string | null): Promise<T>;
  /** The rate gate's key for this token's calls (its host, and its bucket where the provider counts per credential or user). */
  gateKeyOf(record: TokenRecord, secret?: string | null): string;
  /**
   * Verify a value Lapse holds beside the current one (a rotation's pending or replaced value), under
   * the same queue. It is only looked at: the token's refresh token belongs to the current value and
   * is never spent here. A provider Lapse cannot verify answers a fault.
   */
  checkValue(record: TokenRecord, secret: string): Promise<ValueCheck>;
  /** The in-place rotation this token has now (its adapter's first that applies), or null: guided only. */
  rotationFor(record: TokenRecord, secret: string | null): Promise<RotationCapability | null>;
  /** The rotation a journal names, or null (`guided`, or a provider that no longer offers it). */
  rotationOfKind(record: TokenRecord, kind: string): RotationCapability | null;
  /** The kind of token `secret` is at its provider; null when Lapse has no adapter for the provider. */
  tokenType(record: TokenRecord, secret: string): TokenType | null;
  /** Whether a value whose revocation was asked is dead: a verify's verdict. Never spends the refresh token; a fault is `cannot-tell`. */
  checkRevoked(
    record: TokenRecord,
    secret: string,
    otp?: string,
  ): Promise<RevocationCheck & { outcome: VerifyOutcome | null }>;
  manageLink(record: TokenRecord): string | null;
  createLink(record: TokenRecord): string | null;
}

/** A value only looked at: its refresh token belongs to the current value and is never spent here. */
const onlyLookedAt = (ctx: VerifyContext): VerifyContext => ({
  ...ctx,
  companion: (slot) => (slot === 'refresh' ? Promise.resolve(null) : ctx.companion(slot)),
});

/** The kind of token `secret` is at its provider: the adapter's word, else the record's kind; null without an adapter. */
const tokenTypeBy = (adapter: ProviderAdapter | null, record: TokenRecord, secret: string): TokenType | null =>
  adapter
    ? (adapter.tokenTypeOf?.(secret, record) ?? {
        name: record.kind,
        verifiable: true,
        revocable: Boolean(adapter.revoke),
      })
    : null;

/** The part of a session that reaches providers: which adapter, where, under which gate and queue. */
type ProviderReach = Pick<
  ProviderSession,
  'options' | 'adapterOf' | 'baseUrlOf' | 'contextFor' | 'ask' | 'gateKeyOf' | 'manageLink' | 'createLink'
>;

function providerReach({ keychain, now }: ServiceParts, given: ProviderCallOptions): ProviderReach {
  const options = { ...given, gate: given.gate ?? new RateGate() };
  const adapters = options.adapters ?? providerAdapters;
  const adapterOf = (record: TokenRecord) => adapters[record.provider] ?? null;
  const baseUrlOf = (record: TokenRecord) => {
    const configured = record.baseUrl ?? adapterOf(record)?.defaultBaseUrl ?? null;
    return configured ? checkBaseUrl(configured).href : null;
  };
  const capFor = (provider: string) => adapters[provider as ProviderId]?.concurrency ?? 1;
  const limit = new ConcurrencyLimit(capFor);
  // The HTTP client waits out windows up to maxRateWaitMs (30 s by default); longer ones it reports at once.
  const admission = new VerifyAdmission(capFor, options.gate, options.http?.maxRateWaitMs ?? 30_000);
  /** The bucket of the provider's rate limit this value's calls count against (GitHub: its user, else the credential). */
  const bucketOf = (record: TokenRecord, secret: string | null) =>
    secret === null ? '' : (adapterOf(record)?.rateLimits?.bucketOf?.(record.account, secret) ?? '');
  const gateKeyOf = (record: TokenRecord, secret: string | null = null) => {
    const baseUrl = baseUrlOf(record);
    return baseUrl ? gateKey(new URL(baseUrl).origin, bucketOf(record, secret)) : `offline:${record.provider}`;
  };
  const contextFor = (record: TokenRecord, secret: string): VerifyContext => {
    const baseUrl = baseUrlOf(record);
    if (!baseUrl)
      throw new BaseUrlMissing(
        `Set this token's base URL so Lapse knows where its ${providerNames[record.provider]} API is.`,
      );
    const rateLimits = adapterOf(record)?.rateLimits;
    return {
      secret,
      record,
      http: providerHttp({
        baseUrl,
        gate: options.gate,
        ...options.http,
        ...(rateLimits ? { rateLimits } : {}),
        bucket: bucketOf(record, secret),
      }),
      companion: (slot) => keychain.get(companionAccount(record.id, slot)),
      now: now(),
    };
  };
  const linkOf = (record: TokenRecord, page: 'manageTokens' | 'createToken') => {
    const baseUrl = baseUrlOf(record);
    return baseUrl ? (adapterOf(record)?.links[page]?.(baseUrl, record.kind) ?? null) : null;
  };
  const ask = <T>(
    record: TokenRecord,
    task: () => Promise<T>,
    overall: number | null = null,
    secret: string | null = null,
  ): Promise<T> =>
    admission.run(record.provider, gateKeyOf(record, secret), overall, () => limit.run(record.provider, task));
  return {
    options,
    adapterOf,
    baseUrlOf,
    contextFor,
    ask,
    gateKeyOf,
    manageLink: (record) => linkOf(record, 'manageTokens'),
    createLink: (record) => linkOf(record, 'createToken'),
  };
}

async function checkValue(reach: ProviderReach, record: TokenRecord, secret: string): Promise<ValueCheck> {
  const adapter = reach.adapterOf(record);
  if (!adapter) return { kind: 'fault', message: "Lapse cannot verify this provider's tokens." };
  const lookedAt = onlyLookedAt(reach.contextFor(record, secret));
  try {
    return { kind: 'answer', outcome: await reach.ask(record, () => adapter.verify(lookedAt), null, secret) };
  } catch (error) {
    if (error instanceof TransientFault) return { kind: 'fault', message: error.message };
    throw error;
  }
}

async function checkRevoked(
  reach: ProviderReach,
  record: TokenRecord,
  secret: string,
  otp?: string,
): Promise<RevocationCheck & { outcome: VerifyOutcome | null }> {
  const adapter = reach.adapterOf(record);
  if (!adapter)
    return { verdict: 'cannot-tell', message: "Lapse cannot verify this provider's tokens.", outcome: null };
  const lookedAt: VerifyContext = { ...onlyLookedAt(reach.contextFor(record, secret)), ...(otp ? { otp } : {}) };
  try {
    const outcome = await reach.ask(record, () => adapter.verify(lookedAt), null, secret);
    return {
      verdict: verdictOf(outcome),
      message: outcome.outcome === 'valid' ? 'its provider still accepts it' : outcome.message,
      outcome,
    };
  } catch (error) {
    if (error instanceof TransientFault) return { verdict: 'cannot-tell', message: error.message, outcome: null };
    throw error;
  }
}

/** One rate gate, one admission queue and one set of adapters for every provider call of a service. */
export function providerSession(parts: ServiceParts, given: ProviderCallOptions = {}): ProviderSession {
  const { keychain } = parts;
  const reach = providerReach(parts, given);
  const { adapterOf } = reach;
  return {
    ...reach,
    checkValue: (record, secret) => checkValue(reach, record, secret),
    async rotationFor(record, secret) {
      const adapter = adapterOf(record);
      if (!adapter?.rotations || secret === null) return null;
      const has = async (slot: CompanionSlot) => (await keychain.get(companionAccount(record.id, slot))) !== null;
      for (const rotation of adapter.rotations) if (await rotation.appliesTo(record, secret, has)) return rotation;
      return null;
    },
    rotationOfKind: (record, kind) => adapterOf(record)?.rotations?.find((r) => r.kind === kind) ?? null,
    tokenType: (record, secret) => tokenTypeBy(adapterOf(record), record, secret),
    checkRevoked: (record, secret, otp) => checkRevoked(reach, record, secret, otp),
  };
}

const isSession = (given: ProviderCallOptions | ProviderSession): given is ProviderSession =>
  'ask' in given && 'contextFor' in given;

/**
 * The session an area's calls use: the one given (the service's, shared by all its calls and by the
 * start-up resume: see openLapse), else a new one from these options (an area built alone, in tests).
 */
export function sessionFor(parts: ServiceParts, given: ProviderCallOptions | ProviderSession = {}): ProviderSession {
  return isSession(given) ? given : providerSession(parts, given);
}
