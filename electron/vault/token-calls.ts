import type { VaultApi } from '../../shared/api.js';
import { ok } from '../../shared/result.js';
import { byUrgency } from '../../shared/urgency.js';
import { guarded } from '../guarded.js';
import { tokenNotFound } from '../not-found.js';
import type { ServiceParts } from '../service-parts.js';
import { addTokenCall } from './add-token.js';
import { deleteTokenCall } from './delete-token.js';
import { deletedCalls } from './deleted-calls.js';
import { editTokenCall } from './edit-token.js';
import { secretCheckCalls } from './secret-check-calls.js';
import { secretExposureCalls } from './secret-exposure-calls.js';
import { viewToken } from './token-view.js';

/** Reading the vault: the keychain's state, the token list, one token. None of them reads a secret. */
function vaultReadCalls({
  keychain,
  store,
  now,
}: ServiceParts): Pick<VaultApi, 'getVaultState' | 'listTokens' | 'getToken'> {
  return {
    getVaultState: () =>
      guarded(async () => {
        const problem = await keychain.probe();
        const vault = await store.read();
        return ok({
          keychain: {
            available: problem === null,
            backend: keychain.backend,
            problem: problem ? { code: problem.code, message: problem.message } : null,
          },
          home: store.path,
          tokenCount: Object.keys(vault.tokens).length,
          recovery: store.recovery ? { message: store.recovery.message, movedTo: store.recovery.movedTo } : null,
        });
      }),

    listTokens: () =>
      guarded(async () => {
        const vault = await store.read();
        const tokens = Object.values(vault.tokens)
          .map((record) => viewToken(record, now(), vault.policy))
          .sort(byUrgency);
        return ok({ tokens, evaluatedAt: new Date(now()).toISOString() });
      }),

    getToken: ({ id }) =>
      guarded(async () => {
        const vault = await store.read();
        const record = vault.tokens[id];
        return record ? ok(viewToken(record, now(), vault.policy)) : tokenNotFound(id);
      }),
  };
}

/** The vault calls: tokens, their metadata and their secrets. */
export function tokenCalls(parts: ServiceParts): VaultApi {
  return {
    ...secretCheckCalls(parts),
    ...deletedCalls(parts),
    ...vaultReadCalls(parts),
    addToken: addTokenCall(parts),
    editToken: editTokenCall(parts),
    deleteToken: deleteTokenCall(parts),
    ...secretExposureCalls(parts),
  };
}
