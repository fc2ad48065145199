// The README's recipe for a machine without a desktop, run as a newcomer would: no session bus, a
// keyring file under the data folder, the password from a prompt (here --password-stdin), and a
// token that is still there after the session (and the keyring daemon with it) ended.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeTokens, testServiceName, tracesIn } from '../../helpers/fake-tokens.js';
import { envWithout, onPath, repoRoot, run } from '../../helpers/processes.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

const recipe = path.join(repoRoot, 'scripts', 'headless-keyring.sh');
const bin = path.join(repoRoot, 'bin', 'lapse.js');
const tools = ['dbus-run-session', 'dbus-send', 'gnome-keyring-daemon'];
const missing = tools.filter((t) => !onPath(t));
if (missing.length)
  console.warn(
    `headless keyring tests skipped: ${missing.join(', ')} not installed (bash scripts/system-packages.sh installs them)`,
  );

let scratch: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  scratch = makeTempDir('lapse-headless');
  // A machine without a desktop: no session bus, no runtime folder; its own data folder and vault.
  env = {
    ...envWithout([
      'DBUS_SESSION_BUS_ADDRESS',
      'XDG_RUNTIME_DIR',
      'LAPSE_IN_KEYCHAIN_SESSION',
      'LAPSE_NOW',
      'DISPLAY',
      'WAYLAND_DISPLAY',
    ]),
    XDG_DATA_HOME: path.join(scratch, 'data'),
    LAPSE_HOME: path.join(scratch, 'vault'),
    LAPSE_KEYCHAIN_SERVICE: testServiceName(),
  };
});

afterEach(() => removeTempDir(scratch));

/** One keyring session: the recipe with the password on stdin, running `lapse ARGS` (or a shell line) inside. */
const session = (password: string, command: string[], extraInput = '') =>
  run(recipe, ['--password-stdin', ...command], { env, input: `${password}\n${extraInput}`, timeoutMs: 60_000 });

describe.skipIf(missing.length > 0)('scripts/headless-keyring.sh: a keyring that survives restarts', () => {
  it('the first session creates the keyring; a token added there can be revealed in the next session, after the daemon ended', async () => {
    const secret = fakeTokens.githubClassic();
    const added = await session(
      'first-password',
      [process.execPath, bin, 'add', '--label', 'laptop push', '--expires', 'never'],
      `${secret}\n`,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain('no keyring yet at');
    expect(fs.existsSync(path.join(scratch, 'data', 'keyrings', 'login.keyring'))).toBe(true);
    expect(
      tracesIn(fs.readFileSync(path.join(scratch, 'data', 'keyrings', 'login.keyring'), 'latin1'), secret),
    ).toEqual([]);
    const id = added.stdout.trim();

    const revealed = await session('first-password', [process.execPath, bin, 'reveal', id]);
    expect(revealed.code, revealed.stderr).toBe(0);
    expect(revealed.stdout).toBe(`${secret}\n`);
  });

  it('a wrong password unlocks nothing: exit 2, it says so, and the command does not run', async () => {
    const made = await session('right-password', ['true']);
    expect(made.code, made.stderr).toBe(0);
    const wrong = await session('wrong-password', [process.execPath, bin, 'list']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('that password does not unlock');
    expect(wrong.stdout).toBe('');
  });

  it('lapse doctor inside the session finds a working keychain (and warns that a temporary data folder would not persist)', async () => {
    const doctor = await session('pw', [process.execPath, bin, 'doctor', '--json']);
    const report = JSON.parse(doctor.stdout) as { ok: boolean; checks: { id: string; state: string }[] };
    const states = Object.fromEntries(report.checks.map((c) => [c.id, c.state]));
    expect(states).toMatchObject({ keychain: 'ok', 'keychain-round-trip': 'ok', vault: 'ok' });
    // The data folder is a test's temporary one, so doctor rightly warns that it would not survive.
    expect(states['keychain-persistent']).toBe('warn');
    expect(doctor.code).toBe(0);
  });
});
