import { secretExposureMs, type VaultApi } from '../../shared/api.js';
import { fail, ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import { tokenNotFound } from '../not-found.js';
import { rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { markSecretsMissing, secretMissingMessage } from './secret-presence.js';

/** A secret leaving the keychain on a person's explicit ask: revealed in the window, or copied to the clipboard. */
export function secretExposureCalls({
  keychain,
  store,
  now,
  clipboard,
}: ServiceParts): Pick<VaultApi, 'revealSecret' | 'copySecret'> {
  const secretMissing = async (id: string) => {
    await markSecretsMissing(store, [id], now());
    return fail('secret-missing', secretMissingMessage);
  };
  return {
    revealSecret: ({ id }) =>
      guarded(async () => {
        if (!(await store.read()).tokens[id]) return tokenNotFound(id);
        const secret = await keychain.get(id);
        if (secret === null) return secretMissing(id);
        rememberSecret(secret);
        return ok({ secret, hideAfterMs: secretExposureMs });
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
        const secret = await keychain.get(id);
        if (secret === null) return secretMissing(id);
        rememberSecret(secret);
        clipboard.copy(secret);
        return ok({ clearsAfterMs: clipboard.clearAfterMs });
      }),
  };
}
