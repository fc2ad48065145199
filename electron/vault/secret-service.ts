import { execFile } from 'node:child_process';
import { KeychainError, keychainMessages } from './keychain-error.js';

const run = (args: string[], env: NodeJS.ProcessEnv): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile('dbus-send', ['--session', '--print-reply', ...args], { timeout: 3000, env }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });

/** dbus-send killed by our own timeout: nobody answered. */
const timedOut = (error: unknown) => (error as { killed?: boolean }).killed === true;

const nameHasOwner = [
  '--dest=org.freedesktop.DBus',
  '/org/freedesktop/DBus',
  'org.freedesktop.DBus.NameHasOwner',
  'string:org.freedesktop.secrets',
];
const defaultCollectionLocked = [
  '--dest=org.freedesktop.secrets',
  '/org/freedesktop/secrets/aliases/default',
  'org.freedesktop.DBus.Properties.Get',
  'string:org.freedesktop.Secret.Collection',
  'string:Locked',
];

/**
 * Checks, without starting anything, that a Secret Service owns its name on the session bus and
 * that its default collection is unlocked. Asking the keyring itself would D-Bus-activate a
 * locked daemon, whose reads then look like "no such entry".
 * Returns null when the keychain is usable; otherwise the error to show.
 */
export async function probeSecretService(env: NodeJS.ProcessEnv = process.env): Promise<KeychainError | null> {
  if (!env['DBUS_SESSION_BUS_ADDRESS']) return new KeychainError('keychain-unavailable', keychainMessages.noBus);
  let owner: string;
  try {
    owner = await run(nameHasOwner, env);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null; // no dbus-send: the pinned store will say
    if (timedOut(error)) return new KeychainError('keychain-timeout', keychainMessages.notAnswering);
    return new KeychainError('keychain-unavailable', keychainMessages.noBus);
  }
  if (!/boolean true/.test(owner)) return new KeychainError('keychain-unavailable', keychainMessages.noSecretService);
  try {
    const locked = await run(defaultCollectionLocked, env);
    if (/boolean true/.test(locked)) return new KeychainError('keychain-locked', keychainMessages.locked);
  } catch (error) {
    // A keyring that owns its name but never replies is hung, not locked and not absent.
    if (timedOut(error)) return new KeychainError('keychain-timeout', keychainMessages.notAnswering);
    // No default collection yet: the first write creates one (and may prompt). Not an error here.
  }
  return null;
}
