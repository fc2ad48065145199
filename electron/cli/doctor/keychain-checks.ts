import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Keychain } from '../../vault/keychain.js';
import { check, type DoctorCheck } from './check.js';
import { secretServiceFacts, type SecretServiceFacts } from './secret-service-facts.js';

/** Whether an executable is on PATH. */
export function onPath(name: string, env: NodeJS.ProcessEnv): boolean {
  return (env['PATH'] ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, name), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Where GNOME Keyring keeps its keyring files. */
export const keyringFolder = (env: NodeJS.ProcessEnv): string =>
  path.join(env['XDG_DATA_HOME'] || path.join(os.homedir(), '.local', 'share'), 'keyrings');

export interface KeychainCheckOptions {
  env: NodeJS.ProcessEnv;
  keychain: Keychain;
  /** How to run the headless recipe from here, e.g. `scripts/headless-keyring.sh`; null where it is not shipped. */
  recipe: string | null;
  platform?: NodeJS.Platform;
}

/** The commands that give a machine without a desktop a keyring that survives restarts. */
function headlessSteps(env: NodeJS.ProcessEnv, recipe: string | null): string[] {
  const needed = [
    ...(onPath('dbus-run-session', env) && onPath('dbus-send', env) ? [] : ['dbus']),
    ...(onPath('gnome-keyring-daemon', env) ? [] : ['gnome-keyring']),
    ...(onPath('secret-tool', env) ? [] : ['libsecret-tools']),
  ];
  const install = needed.length
    ? [
        `sudo apt-get install -y ${needed.join(' ')}      # once (Fedora: sudo dnf install -y dbus-daemon gnome-keyring libsecret); missing here: ${needed.join(', ')}`,
      ]
    : [];
  const start = recipe
    ? [
        `${recipe}              # a shell with the keyring unlocked: run npm start and npx lapse … in it`,
        `${recipe} npm start    # or just the app`,
      ]
    : [
        'dbus-run-session -- bash     # a session bus for this shell and what it starts',
        "read -rs -p 'Keyring password: ' pw; printf '%s' \"$pw\" | gnome-keyring-daemon --replace --unlock --components=secrets; unset pw",
      ];
  return [
    ...install,
    ...start,
    `The keyring file is ${path.join(keyringFolder(env), 'login.keyring')}: it survives restarts; the first start creates it with the password you choose, later starts unlock it with that password.`,
  ];
}

const memoryOnly = (facts: SecretServiceFacts) => facts.defaultCollection?.endsWith('/session') === true;

/** The OS keychain: reachable, unlocked, persistent, and really storing and reading back. */
export async function keychainChecks({
  env,
  keychain,
  recipe,
  platform = process.platform,
}: KeychainCheckOptions): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  if (platform === 'linux') {
    const facts = await secretServiceFacts(env);
    const why =
      'Lapse keeps secrets only in the OS keychain; on Linux that is a Secret Service keyring (GNOME Keyring, KWallet) on the D-Bus session bus. Any desktop session has one.';
    if (!facts.busAddress || !facts.busAnswers) {
      const what = !facts.busAddress
        ? 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)'
        : !facts.dbusSend
          ? 'dbus-send is not installed, so the session bus cannot be asked'
          : 'the D-Bus session bus does not answer';
      checks.push(
        check('keychain', 'fail', `OS keychain: ${what}`, {
          detail: [why, 'Without a desktop (a server, WSL, a container), start one that keeps its keyring on disk:'],
          fix: headlessSteps(env, recipe),
        }),
      );
      return [...checks, check('keychain-round-trip', 'skipped', 'Keychain round trip: skipped (no keychain to try)')];
    }
    if (!facts.serviceRunning) {
      checks.push(
        check('keychain', 'fail', 'OS keychain: no Secret Service keyring is running on the session bus', {
          detail: [why, 'Start GNOME Keyring or KWallet in this session; without a desktop:'],
          fix: headlessSteps(env, recipe),
        }),
      );
      return [...checks, check('keychain-round-trip', 'skipped', 'Keychain round trip: skipped (no keychain to try)')];
    }
    if (facts.locked) {
      const desktop = Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
      checks.push(
        check('keychain', 'fail', 'OS keychain: the default keyring is locked', {
          detail: desktop
            ? ['Unlock it in your keyring app (e.g. Seahorse, "Passwords and Keys"); Lapse never unlocks it for you.']
            : ['Without a desktop, unlock it from a keyring session:'],
          fix: desktop ? [] : headlessSteps(env, recipe),
        }),
      );
      return [
        ...checks,
        check('keychain-round-trip', 'skipped', 'Keychain round trip: skipped (the keyring is locked)'),
      ];
    }
    checks.push(
      check(
        'keychain',
        'ok',
        `OS keychain: a Secret Service keyring is running and unlocked${facts.defaultCollection ? ` (${facts.defaultCollection.split('/').pop()})` : ''}`,
      ),
    );
    const folder = keyringFolder(env);
    const throwAway = folder.startsWith(`${os.tmpdir()}${path.sep}`) || folder.startsWith('/tmp/');
    if (memoryOnly(facts) || throwAway) {
      checks.push(
        check(
          'keychain-persistent',
          'warn',
          `The keyring is thrown away when this session ends (${memoryOnly(facts) ? 'its default collection lives in memory only' : `its files are under ${folder}`})`,
          {
            detail: [
              'Secrets stored now are gone at the next start, and the vault then lists tokens whose secrets are missing.',
              'For a keyring that survives restarts, leave this session (e.g. scripts/with-keychain.sh, which is for tests) and from a plain shell:',
            ],
            fix: headlessSteps({ ...env, XDG_DATA_HOME: '' }, recipe),
          },
        ),
      );
    }
  } else {
    checks.push(check('keychain', 'ok', `OS keychain: ${keychain.backend}`));
  }
  checks.push(await roundTrip(keychain));
  return checks;
}

/** Store, read back and remove one probe entry, under Lapse's own service name. */
async function roundTrip(keychain: Keychain): Promise<DoctorCheck> {
  const account = 'lapse-doctor-probe';
  const value = `probe-${process.pid}-${Date.now()}`;
  try {
    await keychain.set(account, value);
    const back = await keychain.get(account);
    await keychain.delete(account);
    if (back !== value)
      return check('keychain-round-trip', 'fail', 'Keychain round trip: an entry stored just now did not read back', {
        detail: ['Another program may be answering for the Secret Service, or the keyring locked in between.'],
      });
    return check('keychain-round-trip', 'ok', 'Keychain round trip: stored, read back and removed a test entry');
  } catch (error) {
    return check('keychain-round-trip', 'fail', `Keychain round trip failed: ${(error as Error).message}`);
  }
}
