import type { OffboardSelector, ReceiptEntry, RevocationApi } from '../../shared/contract/revocation-calls.js';
import type { VerifyApi } from '../../shared/contract/verify-calls.js';
import type { TokenRecord } from '../../shared/model.js';
import { receiptMarkdown, receiptSummary } from '../../shared/offboard-receipt.js';
import { fail, ok } from '../../shared/result.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import { verifyCalls } from '../providers/verify-calls.js';
import type { ServiceParts } from '../service-parts.js';
import { sessionFor, type ProviderCallOptions, type ProviderSession } from './provider-session.js';
import { revoker } from './revoke-token.js';

/** The tokens an offboarding covers: live ones matching every field given. */
export const selectedBy = (selector: OffboardSelector) => (record: TokenRecord) =>
  !record.revokedAt &&
  (selector.tag === undefined || record.tags.includes(selector.tag)) &&
  (selector.provider === undefined || record.provider === selector.provider) &&
  (selector.account === undefined || record.account === selector.account);

/** Revocation, confirmation, forgetting and offboarding; over the service's provider session and its verify, so a revoke honours what a verify learnt. */
export function revocationCalls(parts: ServiceParts, given: ProviderCallOptions | ProviderSession = {}, verify?: VerifyApi): RevocationApi {
  const { store, now } = parts;
  const session = sessionFor(parts, given);
  const { revoke, confirm } = revoker(parts, session, verify ?? verifyCalls(parts, session));

  return {
    revokeToken: ({ id }) => guarded(() => revoke(id)),
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
        const chosen = Object.values((await store.read()).tokens).filter(selectedBy(selector));
        const entries: ReceiptEntry[] = [];
        // One at a time: each provider's rate limits apply, and a receipt line is final when written.
        for (const record of chosen) {
          const done = await guarded(() => revoke(record.id));
          const base = { id: record.id, label: record.label, provider: record.provider, account: record.account, masked: record.masked };
          if (!done.ok) {
            entries.push({ ...base, state: 'failed', method: null, requestedAt: null, confirmedAt: null, message: done.error.message });
            continue;
          }
          const { token, state, message } = done.value;
          entries.push({
            ...base,
            account: token.account,
            state,
            method: token.revocation?.method ?? null,
            requestedAt: token.revocation?.requestedAt ?? null,
            confirmedAt: token.revocation?.confirmedAt ?? null,
            message,
          });
        }
        const receipt = { selector, startedAt, finishedAt: new Date(now()).toISOString(), entries, summary: receiptSummary(entries) };
        return ok({ ...receipt, markdown: receiptMarkdown(receipt) });
      }),
  };
}
