import type { VerifyApi } from '../../shared/api.js';
import { isoDay } from '../../shared/countdown.js';
import {
  providerIds,
  providerNames,
  storedTokenRecordSchema,
  type ProviderId,
  type TokenRecord,
} from '../../shared/model.js';
import { fail, ok } from '../../shared/result.js';
import { recordAudit } from '../audit/audit-log.js';
import { heldSecret } from '../vault/held-secret.js';
import { guarded } from '../guarded.js';
import { sessionFor, type ProviderCallOptions, type ProviderSession } from './provider-session.js';
import { viewToken } from '../vault/token-view.js';
import type { ServiceParts } from '../service-parts.js';
import { coalescedUpdates } from '../vault/coalesced-updates.js';
import { vaultSnapshots } from '../vault/vault-snapshot.js';
import type { ProviderAdapter, VerifyContext } from './provider.js';
import { checkBaseUrl, type ProviderHttp } from './provider-http.js';
import { providerAdapters } from './registry.js';
import { CannotAskProvider } from './oauth/cannot-ask-provider.js';
import { RefreshOutcomeUnknown } from './oauth/refresh.js';
import { TransientFault } from './transient-fault.js';
import { recordVerification, type ProviderReply, type RecordedVerification } from './verify-record.js';
import { tokenNotFound } from '../not-found.js';

/** How verify reaches providers; the same options every provider call of a service takes. */
export type VerifyCallOptions = ProviderCallOptions;

// A plain fault (timeout, outage, bad body) is worth retrying soon; one that needs the user's fix
// (a client to ask the issuer with) or a refresh whose outcome is unknown is not.
const suggestedRetry = (fault: TransientFault, now: number) =>
  fault.retryAt ??
  (fault instanceof CannotAskProvider || fault instanceof RefreshOutcomeUnknown ? null : now + 5 * 60_000);

async function askProvider(adapter: ProviderAdapter, ctx: VerifyContext): Promise<ProviderReply> {
  try {
    return { kind: 'answer', outcome: await adapter.verify(ctx) };
  } catch (error) {
    if (error instanceof TransientFault)
      return { kind: 'fault', message: error.message, retryAt: suggestedRetry(error, Date.now()) };
    throw error;
  }
}

/** For adapters that judge a token by itself: any attempt to reach a server is a bug, refused. */
const offlineHttp: ProviderHttp = {
  baseUrl: '',
  request: () => Promise.reject(new Error('This token has no base URL, so Lapse sends it nowhere.')),
  at: () => offlineHttp,
};

/** Why this token cannot be verified (revoked, no adapter, no base URL), or null. */
function problemWith(record: TokenRecord, adapters: Partial<Record<ProviderId, ProviderAdapter>>): string | null {
  const name = providerNames[record.provider];
  if (record.revokedAt)
    return `This token was revoked on ${isoDay(record.revokedAt)}; Lapse keeps it as history and does not verify it.`;
  const adapter = adapters[record.provider];
  if (!adapter) return `Lapse cannot verify ${name} tokens yet; check this one at ${name} by hand.`;
  if (!(record.baseUrl ?? adapter.defaultBaseUrl) && !adapter.worksOffline)
    return `Set this token's base URL (its ${name} issuer or API) so Lapse knows where to verify it.`;
  return null;
}

// A verify that could not ask the provider is not a verification: the log says which it was.
const outcomeWords = { valid: 'Accepted', rejected: 'Rejected', unreachable: 'Not verified' } as const;

function auditVerification(store: ServiceParts['store'], id: string, recorded: RecordedVerification, at: number) {
  recordAudit(store, {
    event: recorded.outcome === 'unreachable' ? 'verify-failed' : 'verified',
    tokenId: id,
    label: recorded.record.label,
    detail: `${outcomeWords[recorded.outcome]}: ${recorded.message}`,
    at,
  });
}

/** Where the person creates or manages this kind of token at its provider (none for an offline token). */
const providerLinks = (adapter: ProviderAdapter, baseUrl: string | null, kind: TokenRecord['kind']) => ({
  createToken: baseUrl ? (adapter.links.createToken?.(baseUrl, kind) ?? null) : null,
  manageTokens: baseUrl ? (adapter.links.manageTokens?.(baseUrl, kind) ?? null) : null,
});

/**
 * The verify calls. The provider session (one rate gate, one per-provider concurrency limit, one
 * admission queue) lives as long as the service and is the one revocation and rotation use, so
 * every caller (a Verify button, a verify-all, a revoke, the CLI) shares what providers asked.
 */
export function verifyCalls(parts: ServiceParts, given: VerifyCallOptions | ProviderSession = {}): VerifyApi {
  const { keychain, store, now } = parts;
  const session = sessionFor(parts, given);
  const { options } = session;
  const adapters = options.adapters ?? providerAdapters;
  const snapshots = vaultSnapshots(store);
  const write = coalescedUpdates(store, { afterWrite: snapshots.remember });

  return {
    verifyToken: ({ id, concurrency }) =>
      guarded(async () => {
        const record = (await snapshots.read()).tokens[id];
        if (!record) return tokenNotFound(id);
        const problem = problemWith(record, adapters);
        const adapter = adapters[record.provider];
        if (problem || !adapter) return fail('invalid-input', problem ?? 'Lapse cannot verify this token.');
        const configured = record.baseUrl ?? adapter.defaultBaseUrl;
        const baseUrl = configured ? checkBaseUrl(configured).href : null;
        // A keychain that can't answer throws KeychainError: a failed call, never "disconnected".
        const held = await heldSecret(
          parts,
          id,
          'The OS keychain has no entry for this token, so it cannot be verified. Restore its value (in its panel) or delete this record.',
        );
        if (!held.ok) return held;
        const { secret } = held;
        const ctx: VerifyContext = baseUrl
          ? session.contextFor(record, secret)
          : { secret, record, http: offlineHttp, companion: (slot) => keychain.get(`${id}#${slot}`), now: now() };
        const reply = await session.ask(record, () => askProvider(adapter, ctx), concurrency ?? null, secret);
        const saved = await write((vault) => {
          const current = vault.tokens[id];
          if (!current) return null;
          const recorded = recordVerification(current, reply, now());
          vault.tokens[id] = storedTokenRecordSchema.parse(recorded.record);
          return { recorded, policy: vault.policy };
        });
        if (!saved) return tokenNotFound(id);
        const { recorded, policy } = saved;
        auditVerification(store, id, recorded, now());
        return ok({
          token: viewToken(recorded.record, now(), policy),
          outcome: recorded.outcome,
          message: recorded.message,
          learned: recorded.learned,
          retryAt: recorded.retryAt,
          unreachableReason: recorded.unreachableReason,
          links: providerLinks(adapter, baseUrl, record.kind),
        });
      }),

    getVerifySupport: () =>
      guarded(async () =>
        ok({
          providers: providerIds.flatMap((provider) => {
            const adapter = adapters[provider];
            return adapter
              ? [{ provider, concurrency: adapter.concurrency, defaultBaseUrl: adapter.defaultBaseUrl }]
              : [];
          }),
        }),
      ),
  };
}
