import type { VaultApi } from '../../shared/api.js';
import type { TokenRecord } from '../../shared/model.js';
import { ok } from '../../shared/result.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import { tokenNotFound } from '../not-found.js';
import type { ServiceParts } from '../service-parts.js';
import { viewToken } from './token-view.js';

type TokenChanges = Parameters<VaultApi['editToken']>[0]['changes'];

/** The record with a person's changes to its metadata. */
function editedRecord(record: TokenRecord, changes: TokenChanges): TokenRecord {
  const next: TokenRecord = { ...record };
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) Object.assign(next, { [key]: value });
  }
  if (changes.tags) next.tags = [...new Set(changes.tags)];
  if (changes.expiresAt !== undefined) {
    // A person said when it expires (or that it never does, or that nobody knows); the same
    // answer sent back by a form (which sends every field) keeps where it came from.
    const unknown = changes.expiresAt === 'unknown';
    const at = unknown ? null : changes.expiresAt;
    const same = unknown
      ? record.expiresAt === null && record.expiryUnknown === true
      : at === null
        ? record.expiresAt === null && !record.expiryUnknown
        : record.expiresAt !== null && Date.parse(record.expiresAt) === Date.parse(at);
    next.expiresAt = at;
    if (!same) next.expirySource = 'user';
    if (unknown) next.expiryUnknown = true;
    else delete next.expiryUnknown;
  }
  return next;
}

/** Change a token's metadata (never its secret: that is rotation). */
export function editTokenCall({ store, now }: ServiceParts): VaultApi['editToken'] {
  return ({ id, changes }) =>
    guarded(async () => {
      const updated = await store.update((vault) => {
        const record = vault.tokens[id];
        if (!record) return null;
        const next = editedRecord(record, changes);
        vault.tokens[id] = next;
        return next;
      });
      if (updated)
        recordAudit(store, {
          event: 'edited',
          tokenId: id,
          label: updated.label,
          detail: `Changed ${Object.keys(changes).join(', ')}.`,
          at: now(),
        });
      if (!updated) return tokenNotFound(id);
      const { policy } = await store.read();
      return ok(viewToken(updated, now(), policy));
    });
}
