import { fail } from '../../shared/result.js';
import { rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { markSecretsMissing } from './secret-presence.js';

/**
 * A token's value from the keychain, remembered so that no text shows it. When its entry is gone,
 * the token is marked secret-missing and the failure says `missing` (what that stops, what to do).
 * A keychain that can't answer throws KeychainError: a failed call, never a missing secret.
 */
export async function heldSecret(
  { keychain, store, now }: Pick<ServiceParts, 'keychain' | 'store' | 'now'>,
  id: string,
  missing: string,
): Promise<{ ok: true; secret: string } | ReturnType<typeof fail>> {
  const secret = await keychain.get(id);
  if (secret === null) {
    await markSecretsMissing(store, [id], now());
    return fail('secret-missing', missing);
  }
  rememberSecret(secret);
  return { ok: true, secret };
}
