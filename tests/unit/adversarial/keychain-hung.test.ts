// A keyring daemon that stops answering (SIGSTOP: hung, not locked) must be reported as not
// answering, within seconds, with nothing half-written. The daemon stopped is one of a private
// D-Bus session of this test's own (a nested scripts/with-keychain.sh): stopping the session the
// other test files share would hang their calls, and leave that keyring locked for the rest.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keychainMessages } from '../../../electron/vault/keychain-error.js';
import { fakeTokens, testServiceName } from '../../helpers/fake-tokens.js';
import { builtModule, envWithout, onPath, repoRoot, run } from '../../helpers/processes.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

const tools = ['dbus-run-session', 'gnome-keyring-daemon', 'dbus-send', 'secret-tool'];
const missing = tools.filter((t) => !onPath(t));
if (missing.length)
  console.warn(`hung-keychain tests skipped: ${missing.join(', ')} not installed (bash scripts/system-packages.sh)`);

/** Runs inside the private session: stops its keyring around `lapse add`, then around an entry call after a good probe. */
const scenario = `
  import { execFileSync, spawnSync } from 'node:child_process';
  import { osKeychain } from ${JSON.stringify(builtModule('electron/vault/keychain.js'))};
  const [lapseBin, home, service, token] = process.argv.slice(1);
  const reply = execFileSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
    'org.freedesktop.DBus.GetConnectionUnixProcessID', 'string:org.freedesktop.secrets']).toString();
  const pid = Number(/uint32 (\\d+)/.exec(reply)[1]);
  const out = {};
  process.kill(pid, 'SIGSTOP');
  const started = Date.now();
  const add = spawnSync(process.execPath, [lapseBin, 'add', '--label', 'while hung'], {
    input: token + '\\n', env: { ...process.env, LAPSE_HOME: home, LAPSE_KEYCHAIN_SERVICE: service }, timeout: 30000 });
  out.add = { code: add.status, stderr: add.stderr.toString(), ms: Date.now() - started };
  process.kill(pid, 'SIGCONT');
  out.entries = spawnSync('secret-tool', ['search', '--all', 'service', service]).stderr.toString();
  const keychain = osKeychain(service + '-entry');
  out.probe = await keychain.probe();
  process.kill(pid, 'SIGSTOP');
  try {
    await keychain.set('hung-entry', token);
    out.set = 'stored';
  } catch (error) {
    out.set = { code: error.code, message: error.message };
  }
  process.kill(pid, 'SIGCONT');
  console.log(JSON.stringify(out));
`;

describe.skipIf(missing.length > 0)('a hung keychain daemon (SIGSTOP, in a private session)', () => {
  it('lapse add says "not answering" (not "locked") within seconds, exit 2, stores nothing; an entry call hung after a good probe says the same', async () => {
    const home = makeTempDir('lapse-hung');
    try {
      const session = await run(
        path.join(repoRoot, 'scripts', 'with-keychain.sh'),
        [
          process.execPath,
          '--input-type=module',
          '-e',
          scenario,
          path.join(repoRoot, 'bin', 'lapse.js'),
          home,
          testServiceName(),
          fakeTokens.githubClassic(),
        ],
        { env: envWithout(['LAPSE_IN_KEYCHAIN_SESSION', 'DBUS_SESSION_BUS_ADDRESS']), timeoutMs: 60_000 },
      );
      expect(session.code, session.stderr).toBe(0);
      const out = JSON.parse(session.stdout.trim().split('\n').at(-1) ?? '{}') as {
        add: { code: number; stderr: string; ms: number };
        entries: string;
        probe: unknown;
        set: unknown;
      };
      expect(out.add.code).toBe(2);
      expect(out.add.stderr).toMatch(/not answering/);
      expect(out.add.stderr).not.toMatch(/locked/);
      expect(out.add.ms).toBeLessThan(9_000);
      expect(out.entries).not.toMatch(/attribute\.username/);
      expect(out.probe).toBeNull();
      expect(out.set).toEqual({ code: 'keychain-timeout', message: keychainMessages.timeout });
    } finally {
      removeTempDir(home);
    }
  }, 90_000);
});
