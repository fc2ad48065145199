import { secretExposureMs, type VaultApi } from '../../shared/api.js';
import { fail, ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import { tokenNotFound } from '../not-found.js';
import type { ServiceParts } from '../service-parts.js';
import { heldSecret } from './held-secret.js';
import { secretMissingMessage } from './secret-presence.js';

/** A secret leaving the keychain on a person's explicit ask: revealed in the window, or copied to the clipboard. */
export function secretExposureCalls(parts: ServiceParts): Pick<VaultApi, 'revealSecret' | 'copySecret'> {
  const { store, clipboard } = parts;
  return {
    revealSecret: ({ id }) =>
      guarded(async () => {
        if (!(await store.read()).tokens[id]) return tokenNotFound(id);
        const held = await heldSecret(parts, id, secretMissingMessage);
        if (!held.ok) return held;
        return ok({ secret: held.secret, hideAfterMs: secretExposureMs });
      }),

    copySecret: ({ id }) =>
      guarded(async () => {
        if (!clipboard) {
          return fail(
            'clipboard-unavailable',
            'Lapse has no access to the OS clipboard here; reveal the token and copy it yourself.',
          );
        }
        if (!(await store.read()).tokens[id]) return tokenNotFound(id);
        const held = await heldSecret(parts, id, secretMissingMessage);
        if (!held.ok) return held;
        clipboard.copy(held.secret);
        return ok({ clearsAfterMs: clipboard.clearAfterMs });
      }),
  };
}
