import { deletedKeepDays, type VaultApi } from '../../shared/api.js';
import { providerNames } from '../../shared/model.js';
import { ok } from '../../shared/result.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import { tokenNotFound } from '../not-found.js';
import type { ServiceParts } from '../service-parts.js';
import { rotationSlotsOf } from './token-slots.js';

/** Move a token to Recently deleted; it is not revoked at its provider. */
export function deleteTokenCall({ keychain, store, now }: ServiceParts): VaultApi['deleteToken'] {
  return ({ id }) =>
    guarded(async () => {
      const doomed = (await store.read()).tokens[id];
      if (!doomed) return tokenNotFound(id);
      // A rotation in flight holds values too; its journal then ends as abandoned at the next start.
      // The token's own entry and its companions stay: Recently deleted can still restore them.
      const problem = await keychain.probe();
      if (!problem) for (const slot of rotationSlotsOf(id)) await keychain.delete(slot);
      const deletedAt = new Date(now()).toISOString();
      await store.update((vault) => {
        const record = vault.tokens[id];
        if (!record) return;
        delete vault.tokens[id];
        vault.deleted[id] = { record, deletedAt };
      });
      recordAudit(store, {
        event: 'deleted',
        tokenId: id,
        label: doomed.label,
        detail: `Moved to Recently deleted, restorable for ${deletedKeepDays} days; it still works at ${providerNames[doomed.provider]} until it is revoked there.`,
        at: now(),
      });
      return ok({ id });
    });
}
