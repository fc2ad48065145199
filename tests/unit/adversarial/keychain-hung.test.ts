// A keyring daemon that stops answering (SIGSTOP: hung, not locked) must be reported as not
// answering, within seconds, with nothing half-written. Only this session's own daemon is stopped:
// the bus names its pid.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keychainMessages } from '../../../electron/vault/keychain-error.js';
import { osKeychain } from '../../../electron/vault/keychain.js';
import { fakeTokens, testServiceName } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, clearKeychainService, inKeychainSession, keychainAttributes } from '../../helpers/keychain-session.js';
import { run } from '../../helpers/processes.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { cliIn } from './cli-rig.js';

announceKeychainSkip();

/** The pid of the Secret Service on this test's private session bus. */
async function ownKeyringPid(): Promise<number> {
  const reply = await run('dbus-send', [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.DBus',
    '/org/freedesktop/DBus',
    'org.freedesktop.DBus.GetConnectionUnixProcessID',
    'string:org.freedesktop.secrets',
  ]);
  const pid = Number(/uint32 (\d+)/.exec(reply.stdout)?.[1]);
  if (!pid) throw new Error(`no Secret Service pid on this bus: ${reply.stderr}`);
  return pid;
}

let home: string;
let service: string;
let stopped: number | null = null;

beforeEach(() => {
  home = makeTempDir('lapse-hung');
  service = testServiceName();
});

afterEach(async () => {
  if (stopped) process.kill(stopped, 'SIGCONT');
  stopped = null;
  await clearKeychainService(service);
  removeTempDir(home);
});

describe.skipIf(!inKeychainSession)('a hung keychain daemon', () => {
  it('lapse add says "not answering" (not "locked") within seconds, exit 2, and stores nothing', async () => {
    const lapse = cliIn(home, service);
    stopped = await ownKeyringPid();
    process.kill(stopped, 'SIGSTOP');
    const started = Date.now();
    const added = await lapse(['add', '--label', 'while hung'], `${fakeTokens.githubClassic()}\n`);
    expect(Date.now() - started).toBeLessThan(9_000);
    expect(added.code).toBe(2);
    expect(added.stderr).toMatch(/not answering/);
    expect(added.stderr).not.toMatch(/locked/);
    process.kill(stopped, 'SIGCONT');
    stopped = null;
    expect((await keychainAttributes(service)).usernames).toEqual([]);
  });

  it('an entry call that hangs after a good probe is "not answering" too', async () => {
    const keychain = osKeychain(service);
    expect(await keychain.probe()).toBeNull();
    stopped = await ownKeyringPid();
    process.kill(stopped, 'SIGSTOP');
    // Inside the probe's reuse window: straight to the entry call, which never gets an answer.
    const error = await keychain.set('hung-entry', fakeTokens.npm()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'keychain-timeout', message: keychainMessages.timeout });
  });
});
