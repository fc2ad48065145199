import { evaluateToken } from '../../../shared/lifecycle.js';
import type { TokenRecord, TokenRecordInput } from '../../../shared/model.js';
import type {
  CompanionSlot,
  ProviderAdapter,
  VerifyContext,
  VerifyOutcome,
} from '../../../electron/providers/provider.js';
import { providerHttp } from '../../../electron/providers/provider-http.js';
import { RateGate } from '../../../electron/providers/rate-gate.js';
import { TransientFault } from '../../../electron/providers/transient-fault.js';
import { recordVerification, type ProviderReply } from '../../../electron/providers/verify-record.js';
import { makeRecord } from '../../helpers/records.js';

// Drives an adapter the way verify does: a bounded providerHttp bound to the token's base URL,
// companions from the keychain slots, and the outcome folded into the record by verify's own rule.

export interface AdapterRun {
  record: TokenRecord;
  secret: string;
  companions?: Partial<Record<CompanionSlot, string>>;
  now?: number;
  /** Short timeouts so fault tests end quickly. */
  firstByteTimeoutMs?: number;
  totalTimeoutMs?: number;
}

export const oauthRecord = (overrides: Partial<TokenRecordInput> = {}): TokenRecord =>
  makeRecord({ provider: 'oauth2', kind: 'access token', ...overrides });

export function contextFor(run: AdapterRun): VerifyContext {
  const http = providerHttp({
    baseUrl: run.record.baseUrl ?? 'http://127.0.0.1:9',
    gate: new RateGate(),
    firstByteTimeoutMs: run.firstByteTimeoutMs ?? 2_000,
    totalTimeoutMs: run.totalTimeoutMs ?? 5_000,
  });
  return {
    secret: run.secret,
    record: run.record,
    http,
    companion: async (slot) => run.companions?.[slot] ?? null,
    now: run.now ?? Date.now(),
  };
}

/** The adapter's answer, or the fault it threw (as `{ fault }`), never an unhandled throw. */
export async function verifyWith(
  adapter: ProviderAdapter,
  run: AdapterRun,
): Promise<VerifyOutcome | { outcome: 'fault'; fault: TransientFault }> {
  try {
    return await adapter.verify(contextFor(run));
  } catch (error) {
    if (error instanceof TransientFault) return { outcome: 'fault', fault: error };
    throw error;
  }
}

/** The record as verify stores it after this answer (verify's own rule), for the lifecycle rules to judge. */
export function recordAfter(
  record: TokenRecord,
  answer: Awaited<ReturnType<typeof verifyWith>>,
  now = Date.now(),
): TokenRecord {
  const reply: ProviderReply =
    answer.outcome === 'fault'
      ? { kind: 'fault', message: answer.fault.message, retryAt: answer.fault.retryAt }
      : { kind: 'answer', outcome: answer };
  return recordVerification(record, reply, now).record;
}

export const statusOf = (record: TokenRecord, now = Date.now()) => evaluateToken(record, now).status;
