import type { ReceiptEntry, RevocationApi } from '../../shared/contract/revocation-calls.js';
import type { VerifyApi } from '../../shared/contract/verify-calls.js';
import { offboardCovers, offboardReceipt, receiptEntryFor } from '../../shared/offboard-receipt.js';
import { fail, ok } from '../../shared/result.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import { verifyCalls } from '../providers/verify-calls.js';
import type { ServiceParts } from '../service-parts.js';
import { sessionFor, type ProviderCallOptions, type ProviderSession } from './provider-session.js';
import { revoker } from './revoke-token.js';

/** Revocation, confirmation, forgetting and offboarding; over the service's provider session and its verify, so a revoke honours what a verify learnt. */
export function revocationCalls(parts: ServiceParts, given: ProviderCallOptions | ProviderSession = {}, verify?: VerifyApi): RevocationApi {
  const { store, now } = parts;
  const session = sessionFor(parts, given);
  const { revoke, confirm } = revoker(parts, session, verify ?? verifyCalls(parts, session));

  return {
    revokeToken: ({ id, otp }) => guarded(() => revoke(id, otp)),
    confirmRevocation: ({ id, byHand }) => guarded(() => confirm(id, byHand === true)),

    forgetToken: ({ id }) =>
      guarded(async () => {
        const record = (await store.read()).tokens[id];
        if (!record) return fail('not-found', `No token with id ${id}. List tokens to see the ids.`);
        if (!record.revokedAt) {
          return fail('invalid-input', `"${record.label}" is not revoked: revoke it first (or delete it, if you know it is dead).`);
        }
        await store.update((vault) => {
          delete vault.tokens[id];
        });
        recordAudit(store, { event: 'deleted', tokenId: id, label: record.label, detail: 'Forgotten: the revoked token\'s history left the vault.', at: now() });
        return ok({ id });
      }),

    offboard: ({ selector }) =>
      guarded(async () => {
        const startedAt = new Date(now()).toISOString();
        const chosen = Object.values((await store.read()).tokens).filter(offboardCovers(selector));
        const entries: ReceiptEntry[] = [];
        // One at a time: each provider's rate limits apply, and a receipt line is final when written.
        for (const record of chosen) entries.push(receiptEntryFor(record, await guarded(() => revoke(record.id))));
        return ok(offboardReceipt(selector, startedAt, new Date(now()).toISOString(), entries));
      }),
  };
}
