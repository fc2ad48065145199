// The real OS keychain: gnome-keyring in the private, unlocked D-Bus session of
// scripts/with-keychain.sh. Outside such a session these tests are skipped (and say so); CI runs them.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keychainMessages } from '../../electron/vault/keychain-error.js';
import { osKeychain, type Keychain } from '../../electron/vault/keychain.js';
import { probeSecretService } from '../../electron/vault/secret-service.js';
import { canarySecret, fakeTokens, testServiceName } from '../helpers/fake-tokens.js';
import {
  announceKeychainSkip,
  clearKeychainService,
  inKeychainSession,
  keychainAttributes,
} from '../helpers/keychain-session.js';
import { builtModule, envWithout, onPath, run, type RunResult } from '../helpers/processes.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-home.js';

announceKeychainSkip();

describe.skipIf(!inKeychainSession)('the real OS keychain', () => {
  let service: string;
  let keychain: Keychain;

  beforeEach(() => {
    service = testServiceName();
    keychain = osKeychain(service);
  });

  afterEach(async () => {
    await clearKeychainService(service);
    expect((await keychainAttributes(service)).usernames).toEqual([]);
  });

  it('is reported usable by the probe', async () => {
    expect(await probeSecretService()).toBeNull();
    expect(await keychain.probe()).toBeNull();
  });

  it('gives back exactly the secret that was set, until it is deleted', async () => {
    const secret = fakeTokens.githubFineGrained();
    await keychain.set('token-0001', secret);
    expect(await keychain.get('token-0001')).toBe(secret);
    expect(await keychain.delete('token-0001')).toBe(true);
    expect(await keychain.get('token-0001')).toBeNull();
  });

  it('answers null for an entry that was never stored, and false when deleting it', async () => {
    expect(await keychain.get('never-stored')).toBeNull();
    expect(await keychain.delete('never-stored')).toBe(false);
  });

  it('replaces the secret when the same id is set again', async () => {
    await keychain.set('token-0002', 'FAKE-first-value');
    await keychain.set('token-0002', 'FAKE-second-value');
    expect(await keychain.get('token-0002')).toBe('FAKE-second-value');
    expect((await keychainAttributes(service)).usernames).toEqual(['token-0002']);
  });

  it('stores Secret Service items that secret-tool finds by service and username (the token id)', async () => {
    const secret = canarySecret();
    await keychain.set('token-0003', secret);
    expect(await keychainAttributes(service)).toEqual({ services: [service], usernames: ['token-0003'] });
    const lookup = await run('secret-tool', ['lookup', 'service', service, 'username', 'token-0003']);
    expect(lookup.stdout).toBe(secret);
  });

  it('keeps each service name apart', async () => {
    const other = testServiceName();
    try {
      await osKeychain(other).set('token-0004', 'FAKE-other');
      expect(await keychain.get('token-0004')).toBeNull();
    } finally {
      await clearKeychainService(other);
    }
  });

  it('handles many calls at once, each landing whole', async () => {
    const values = Array.from({ length: 8 }, (_, i) => ({ id: `token-1${i}`, secret: `FAKE-${i}-${canarySecret()}` }));
    await Promise.all(values.map(({ id, secret }) => keychain.set(id, secret)));
    const read = await Promise.all(values.map(({ id }) => keychain.get(id)));
    expect(read).toEqual(values.map((v) => v.secret));
    expect((await keychainAttributes(service)).usernames.sort()).toEqual(values.map((v) => v.id).sort());
  });
});

describe('no D-Bus session bus at all', () => {
  it('the probe answers keychain-unavailable at once (well under 1 s), without trying anything', async () => {
    const started = Date.now();
    const problem = await probeSecretService(envWithout(['DBUS_SESSION_BUS_ADDRESS']));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(problem).toMatchObject({ code: 'keychain-unavailable', message: keychainMessages.noBus });
  });

  it.skipIf(!onPath('dbus-send'))('a bus address that leads nowhere is keychain-unavailable too, quickly', async () => {
    const started = Date.now();
    const problem = await probeSecretService({
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/lapse-test-bus',
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(problem).toMatchObject({ code: 'keychain-unavailable', message: keychainMessages.noBus });
  });
});

// A private bus with no keyring daemon on it (but gnome-keyring installed, so D-Bus *could*
// activate one). Lapse must say "no Secret Service" and must not start a locked keyring itself.
describe.skipIf(!inKeychainSession)('a session bus with no keyring daemon running', () => {
  let scratch: string;
  let result: RunResult;
  let report: {
    probe: { code: string; message: string } | null;
    probeMs: number;
    ownedAfterProbe: boolean;
    get: { value?: string | null; code?: string; message?: string };
    ownedAfterGet: boolean;
  };

  beforeAll(async () => {
    scratch = makeTempDir('lapse-nodaemon');
    const runtime = path.join(scratch, 'runtime');
    fs.mkdirSync(runtime, { mode: 0o700 });
    fs.mkdirSync(path.join(scratch, 'data'));
    const script = `
      import { execFileSync } from 'node:child_process';
      import { probeSecretService } from ${JSON.stringify(builtModule('electron/vault/secret-service.js'))};
      import { osKeychain } from ${JSON.stringify(builtModule('electron/vault/keychain.js'))};
      const owned = () => /boolean true/.test(execFileSync('dbus-send', ['--session', '--print-reply',
        '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner',
        'string:org.freedesktop.secrets'], { encoding: 'utf8' }));
      const out = {};
      const started = Date.now();
      const problem = await probeSecretService();
      out.probeMs = Date.now() - started;
      out.probe = problem && { code: problem.code, message: problem.message };
      out.ownedAfterProbe = owned();
      try {
        out.get = { value: await osKeychain('lapse-test-nodaemon').get('token-0001') };
      } catch (error) {
        out.get = { code: error.code, message: error.message };
      }
      out.ownedAfterGet = owned();
      console.log(JSON.stringify(out));`;
    const env = {
      ...envWithout(['DBUS_SESSION_BUS_ADDRESS', 'LAPSE_IN_KEYCHAIN_SESSION', 'DISPLAY', 'WAYLAND_DISPLAY']),
      XDG_RUNTIME_DIR: runtime,
      XDG_DATA_HOME: path.join(scratch, 'data'),
    };
    result = await run('dbus-run-session', ['--', process.execPath, '--input-type=module', '-e', script], {
      env,
      timeoutMs: 30_000,
    });
    const line = result.stdout.trim().split('\n').pop() ?? '';
    report = JSON.parse(line) as typeof report;
  }, 40_000);

  afterAll(() => removeTempDir(scratch));

  it('the probe answers keychain-unavailable with "No Secret Service keyring is running", fast, and starts nothing', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(report.probe).toEqual({ code: 'keychain-unavailable', message: keychainMessages.noSecretService });
    expect(report.probeMs).toBeLessThan(1000);
    expect(report.ownedAfterProbe).toBe(false);
  });

  it('reading an entry answers keychain-unavailable (not "missing") and does not D-Bus-start a locked keyring', () => {
    expect({ get: report.get, keyringStarted: report.ownedAfterGet }).toEqual({
      get: expect.objectContaining({ code: 'keychain-unavailable' }),
      keyringStarted: false,
    });
  });
});
