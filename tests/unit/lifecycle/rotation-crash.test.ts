import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readJournals } from '../../../electron/lifecycle/rotation-journal.js';
import { startGitlabEmulator, type GitlabEmulator } from '../../emulators/gitlab.js';
import { fakeTokens, testServiceName } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, clearKeychainService, inKeychainSession } from '../../helpers/keychain-session.js';
import { builtModule, envWithout, repoRoot, run } from '../../helpers/processes.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

announceKeychainSkip();

let gitlab: GitlabEmulator;
let home: string;
let service: string;

beforeAll(async () => {
  builtModule('electron/cli/main.js');
  gitlab = await startGitlabEmulator();
});
afterAll(() => gitlab.close());
beforeEach(() => {
  home = makeTempDir('lapse-rotation-crash');
  service = testServiceName();
});
afterEach(async () => {
  await clearKeychainService(service);
  removeTempDir(home);
});

const env = (extra: NodeJS.ProcessEnv = {}) => ({ ...envWithout(['LAPSE_NOW', 'LAPSE_TEST_STOP_AT']), LAPSE_HOME: home, LAPSE_KEYCHAIN_SERVICE: service, ...extra });
const lapse = (args: string[], input?: string) => run('node', ['bin/lapse.js', ...args], { env: env(), ...(input === undefined ? {} : { input }), timeoutMs: 30_000 });

/** Run `lapse rotate` until it says it stopped at `step`, then SIGKILL it: a real crash at that boundary. */
function rotateAndKillAt(id: string, step: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['bin/lapse.js', 'rotate', id], { cwd: repoRoot, env: env({ LAPSE_TEST_STOP_AT: step }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`never stopped at ${step}: ${stderr}`))), 20_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes(`stopped at ${step}`)) child.kill('SIGKILL');
    });
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && stderr.includes(`stopped at ${step}`)) resolve();
      else reject(new Error(`rotate ended without stopping at ${step}: ${stderr}`));
    });
  });
}

const steps = ['intent', 'rotate-answered', 'pending-stored', 'verified', 'promoted', 'old-revoked', 'previous-deleted'] as const;

describe.runIf(inKeychainSession)('a GitLab rotation killed (SIGKILL) at every step boundary, then resumed by the next lapse command', () => {
  it.each(steps)('killed at %s: journal finished; rotated to one live value (the one in the keychain), or marked for re-authorization when the answer died', async (step) => {
    const old = fakeTokens.gitlabLegacy();
    gitlab.addToken(old, { username: 'grace', scopes: ['api'] });
    const added = await lapse(['add', '--label', 'deploy', '--base-url', gitlab.url], `${old}\n`);
    expect(added.code, added.stderr).toBe(0);
    const id = added.stdout.trim().split(/\s+/)[0] ?? '';
    const family = () => gitlab.liveTokens().filter((s) => s === old || gitlab.tokenState(s)?.family === gitlab.tokenState(old)?.family);

    await rotateAndKillAt(id, step);
    const listed = await lapse(['list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);

    const journals = readJournals(home);
    expect(journals.map((j) => j.step)).toEqual(['finished']);
    const shown = JSON.parse((await lapse(['show', id, '--json'])).stdout) as { status: string };
    const current = (await lapse(['reveal', id])).stdout.trim();
    if (step === 'rotate-answered') {
      // GitLab rotated, but the answer died with the process: the old token is dead, so re-authorize (SECURITY.md 20).
      expect(journals[0]?.outcome).toBe('reauthorize');
      expect(shown.status).toBe('disconnected');
      expect(current).toBe(old);
      expect(gitlab.tokenState(old)?.revoked).toBe(true);
      return;
    }
    const live = family();
    expect(live).toEqual([current]);
    expect(step === 'intent' ? current === old : current !== old).toBe(true);
    expect(shown.status).not.toBe('revocation-pending');
    expect(journals[0]?.outcome).toBe(step === 'intent' ? 'abandoned' : 'done');
  });
});
