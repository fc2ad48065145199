import type { ReceiptEntry, RevocationApi, RevokeResult } from '../../shared/contract/revocation-calls.js';
import type { VerifyApi } from '../../shared/contract/verify-calls.js';
import { offboardCovers, offboardReceipt, receiptEntryFor } from '../../shared/offboard-receipt.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import { verifyCalls } from '../providers/verify-calls.js';
import type { ServiceParts } from '../service-parts.js';
import { sessionFor, type ProviderCallOptions, type ProviderSession } from '../providers/provider-session.js';
import { revoker } from './revoke-token.js';

/** Revocation, confirmation, forgetting and offboarding; over the service's provider session and its verify, so a revoke honours what a verify learnt. */
export function revocationCalls(
  parts: ServiceParts,
  given: ProviderCallOptions | ProviderSession = {},
  verify?: VerifyApi,
): RevocationApi {
  const { store, now } = parts;
  const session = sessionFor(parts, given);
  const { revoke, confirm, revokeMany } = revoker(parts, session, verify ?? verifyCalls(parts, session));
  const itemOf = (id: string, answer: Result<RevokeResult> | undefined) =>
    answer?.ok
      ? { id, result: answer.value, error: null }
      : { id, result: null, error: answer ? answer.error : { code: 'internal', message: 'No answer for this token.' } };

  return {
    revokeToken: ({ id, otp }) => guarded(() => revoke(id, otp)),
    confirmRevocation: ({ id, byHand }) => guarded(() => confirm(id, byHand === true)),

    forgetToken: ({ id }) =>
      guarded(async () => {
        const record = (await store.read()).tokens[id];
        if (!record) return fail('not-found', `No token with id ${id}. List tokens to see the ids.`);
        if (!record.revokedAt) {
          return fail(
            'invalid-input',
            `"${record.label}" is not revoked: revoke it first (or delete it, if you know it is dead).`,
          );
        }
        await store.update((vault) => {
          delete vault.tokens[id];
        });
        recordAudit(store, {
          event: 'deleted',
          tokenId: id,
          label: record.label,
          detail: "Forgotten: the revoked token's history left the vault.",
          at: now(),
        });
        return ok({ id });
      }),

    revokeTokens: ({ ids }) =>
      guarded(async () => {
        const answers = await revokeMany([...new Set(ids)]);
        return ok({ results: ids.map((id) => itemOf(id, answers.get(id))) });
      }),

    offboard: ({ selector }) =>
      guarded(async () => {
        const startedAt = new Date(now()).toISOString();
        const chosen = Object.values((await store.read()).tokens).filter(offboardCovers(selector));
        // Batched where a provider takes a list (GitHub), else one at a time; each provider's rate limits apply.
        const answers = await guarded(async () => ok(await revokeMany(chosen.map((r) => r.id))));
        const entries: ReceiptEntry[] = chosen.map((record) =>
          receiptEntryFor(
            record,
            answers.ok ? (answers.value.get(record.id) ?? fail('internal', 'No answer for this token.')) : answers,
          ),
        );
        return ok(offboardReceipt(selector, startedAt, new Date(now()).toISOString(), entries));
      }),
  };
}
