import { afterEach, beforeAll, beforeEach } from 'vitest';
import { testServiceName } from './fake-tokens.js';
import { clearKeychainService } from './keychain-session.js';
import { builtModule, envWithout, run, type RunResult } from './processes.js';
import { makeTempDir, removeTempDir } from './temp-home.js';

/**
 * The built `lapse` CLI over a vault of each test's own: a fresh Lapse folder and keychain service
 * per test, both removed after it. Call inside a `describe`; it answers `lapse(ARGS, STDIN?)`.
 */
export function lapseInOwnVault(label: string): (args: string[], input?: string) => Promise<RunResult> {
  let home = '';
  let service = '';
  beforeAll(() => void builtModule('electron/cli/main.js'));
  beforeEach(() => {
    home = makeTempDir(label);
    service = testServiceName();
  });
  afterEach(async () => {
    await clearKeychainService(service);
    removeTempDir(home);
  });
  return (args, input) =>
    run('node', ['bin/lapse.js', ...args], {
      env: { ...envWithout(['LAPSE_NOW']), LAPSE_HOME: home, LAPSE_KEYCHAIN_SERVICE: service },
      ...(input === undefined ? {} : { input }),
      timeoutMs: 30_000,
    });
}
