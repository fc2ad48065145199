import { run } from './processes.js';

/**
 * Inside `scripts/with-keychain.sh`: a private D-Bus session with an unlocked gnome-keyring.
 * Tests that need the real keychain run only there (CI always runs them that way).
 */
export const inKeychainSession =
  process.env['LAPSE_IN_KEYCHAIN_SESSION'] === '1' && Boolean(process.env['DBUS_SESSION_BUS_ADDRESS']);

export const keychainSkipMessage = 'real-keychain tests skipped: run under scripts/with-keychain.sh';

/** Say once (per test file) why the real-keychain tests are skipped, so a skip is never silent. */
export function announceKeychainSkip(): void {
  if (!inKeychainSession) console.warn(keychainSkipMessage);
}

/**
 * What `secret-tool search --all service <name>` prints, stdout and stderr together: secret-tool
 * writes `label`/`secret` lines on stdout and `attribute.*` lines on stderr.
 */
export async function secretToolSearch(service: string): Promise<string> {
  const result = await run('secret-tool', ['search', '--all', 'service', service], { timeoutMs: 10_000 });
  return `${result.stdout}\n${result.stderr}`;
}

/**
 * The `service` and `username` attributes of every item secret-tool finds for a service name,
 * as flat lists (secret-tool prints attributes on stderr, item by item, in a stable order).
 */
export async function keychainAttributes(service: string): Promise<{ services: string[]; usernames: string[] }> {
  const text = await secretToolSearch(service);
  return {
    services: [...text.matchAll(/^attribute\.service = (.*)$/gm)].map((m) => m[1] as string),
    usernames: [...text.matchAll(/^attribute\.username = (.*)$/gm)].map((m) => m[1] as string),
  };
}

/** Remove every item of a test service name from the session's keyring. */
export async function clearKeychainService(service: string): Promise<void> {
  if (!inKeychainSession) return;
  await run('secret-tool', ['clear', 'service', service], { timeoutMs: 10_000 });
}
