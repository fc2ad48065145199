import { beforeAll } from 'vitest';
import { ownVaultEachTest, type OwnVault } from './own-vault.js';
import { builtModule, run, type RunResult } from './processes.js';
import { onceMoreIfKeyringAway } from './keyring-away.js';

/** `lapse ARGS` (stdin `input`) through the built CLI, as a person runs it. */
export type BuiltLapse = (args: string[], input?: string) => Promise<RunResult>;

/**
 * The built `lapse` CLI (bin/lapse.js) over `vault`, with no LAPSE_NOW or LAPSE_TEST_STOP_AT from
 * outside. Call inside a `describe` (or at the top of a file): it checks once that the CLI is built.
 */
export function builtLapse(vault: OwnVault): BuiltLapse {
  beforeAll(() => void builtModule('electron/cli/main.js'));
  return (args, input) =>
    onceMoreIfKeyringAway(`lapse ${args[0] ?? ''}`, () =>
      run('node', ['bin/lapse.js', ...args], {
        env: vault.env({}, ['LAPSE_TEST_STOP_AT']),
        ...(input === undefined ? {} : { input }),
        timeoutMs: 30_000,
      }),
    );
}

/**
 * The built `lapse` CLI over a vault of each test's own: a fresh Lapse folder and keychain service
 * per test, both removed after it. Call inside a `describe`; it answers `lapse(ARGS, STDIN?)`.
 */
export const lapseInOwnVault = (label: string): BuiltLapse => builtLapse(ownVaultEachTest(label));
