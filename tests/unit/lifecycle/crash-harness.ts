import { spawn } from 'node:child_process';
import { builtLapse, type BuiltLapse } from '../../helpers/cli-vault.js';
import { onceMoreIfKeyringAway } from '../../helpers/keyring-away.js';
import { keychainAttributes } from '../../helpers/keychain-session.js';
import type { OwnVault } from '../../helpers/own-vault.js';
import { repoRoot, run } from '../../helpers/processes.js';

/** The built `lapse` CLI over a test's own vault (LAPSE_HOME and keychain service), with a real SIGKILL at a named step. */
export interface CrashHarness {
  lapse: BuiltLapse;
  /** Run `lapse args` until it says it stopped at `step` (LAPSE_TEST_STOP_AT), then SIGKILL it. */
  killAt(args: string[], step: string, input?: string): Promise<void>;
  /** The keychain accounts (slots) this service holds for one token id, sorted. */
  slots(id: string): Promise<string[]>;
  /** One keychain slot's value, as the OS keychain holds it (null when absent). */
  slotValue(account: string): Promise<string | null>;
}

/** Call inside a `describe` (or at the top of a file): it checks once that the CLI is built. */
export function crashHarness(vault: OwnVault): CrashHarness {
  const env = (extra: NodeJS.ProcessEnv = {}) => vault.env(extra, ['LAPSE_TEST_STOP_AT']);
  /** Runs until it says it stopped at `step` (then SIGKILLed: code null), or ends by itself (its code). */
  const runUntil = (args: string[], step: string, input?: string) =>
    new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn('node', ['bin/lapse.js', ...args], {
        cwd: repoRoot,
        env: env({ LAPSE_TEST_STOP_AT: step }),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      child.stdin.end(input ?? '');
      let stderr = '';
      const timer = setTimeout(
        () => (child.kill('SIGKILL'), reject(new Error(`never stopped at ${step}: ${stderr}`))),
        20_000,
      );
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes(`stopped at ${step}`)) child.kill('SIGKILL');
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const killedThere = signal === 'SIGKILL' && stderr.includes(`stopped at ${step}`);
        resolve({ code: killedThere ? null : (code ?? -1), stderr });
      });
    });
  return {
    lapse: builtLapse(vault),
    killAt: async (args, step, input) => {
      const stopped = await onceMoreIfKeyringAway(`lapse ${args[0] ?? ''}`, () => runUntil(args, step, input));
      if (stopped.code !== null)
        throw new Error(`lapse ${args[0] ?? ''} ended without stopping at ${step}: ${stopped.stderr}`);
    },
    slots: async (id) => (await keychainAttributes(vault.service)).usernames.filter((u) => u.startsWith(id)).sort(),
    slotValue: async (account) => {
      const found = await run('secret-tool', ['lookup', 'service', vault.service, 'username', account], {
        timeoutMs: 10_000,
      });
      return found.code === 0 ? found.stdout.trim() : null;
    },
  };
}
