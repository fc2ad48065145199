import { setTimeout as sleep } from 'node:timers/promises';

// What lapse says when the test session's keyring daemon is not there at that moment. The daemon
// can exit mid-run; scripts/with-keychain.sh puts an unlocked one back within a second (it prints
// "the keyring daemon … is gone"), and a call in between fails this way through no fault of Lapse's.
const keyringAway = /No Secret Service keyring is running|No D-Bus session bus/;

/**
 * Run a `lapse` command; when it failed only because the session's keyring was away, say so and
 * run it once more after a second. Outside a keyring session (LAPSE_IN_KEYCHAIN_SESSION unset) the
 * first answer stands: there that message is the behaviour under test.
 */
export async function onceMoreIfKeyringAway<T extends { code: number | null; stderr: string }>(
  what: string,
  attempt: () => Promise<T>,
): Promise<T> {
  const first = await attempt();
  if (process.env['LAPSE_IN_KEYCHAIN_SESSION'] !== '1' || first.code !== 2 || !keyringAway.test(first.stderr))
    return first;
  console.warn(`${what}: the test session's keyring daemon was away (being restarted); running it once more.`);
  await sleep(1_000);
  return attempt();
}
