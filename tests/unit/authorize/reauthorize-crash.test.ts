// A reauthorization killed (SIGKILL) in the middle, against the real oidc-provider and keychain: the
// next `lapse` command settles it, losing nothing and leaving no live grant nobody knows of.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startOidcEmulator } from '../../emulators/oidc.js';
import { builtLapse } from '../../helpers/cli-vault.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { useEmulator } from '../../helpers/lifetimes.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';
import { repoRoot } from '../../helpers/processes.js';
import { crashHarness } from '../lifecycle/crash-harness.js';

announceKeychainSkip();

const vault = ownVaultEachTest('lapse-reauthorize-crash');
const issuer = useEmulator(startOidcEmulator);
const lapse = builtLapse(vault);
const { slots, slotValue } = crashHarness(vault);

const authUrl = /^\s+(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)$/m;

/**
 * `lapse ARGS --no-browser`: the person approves the address it prints; with `stopAt`, the process is
 * SIGKILLed where it says it stopped. Resolves once it ended (killed, or done).
 */
function lapseApproving(args: string[], input: string, stopAt: string | null): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['bin/lapse.js', ...args, '--no-browser'], {
      cwd: repoRoot,
      env: vault.env(stopAt ? { LAPSE_TEST_STOP_AT: stopAt } : {}, ['BROWSER', 'LAPSE_TEST_STOP_AT']),
    });
    let stdout = '';
    let stderr = '';
    let approving: Promise<unknown> | null = null;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      const url = authUrl.exec(stderr)?.[1];
      if (url && !approving) approving = issuer.approveInBrowser(url);
      if (stopAt && stderr.includes(`stopped at ${stopAt}`)) child.kill('SIGKILL');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (stopAt && signal !== 'SIGKILL') reject(new Error(`never stopped at ${stopAt}: ${stderr}`));
      else resolve({ stdout });
    });
    child.stdin.end(input);
  });
}

async function authorized(): Promise<string> {
  const { stdout } = await lapseApproving(
    [
      'authorize',
      '--provider',
      'oauth',
      '--base-url',
      issuer.issuer,
      '--client-id',
      issuer.nativeClient.id,
      '--client-secret-stdin',
      '--scopes',
      'api:read,api:write',
      '--label',
      'agent',
      '--json',
    ],
    `${issuer.nativeClient.secret}\n`,
    null,
  );
  return String((JSON.parse(stdout) as { id: string }).id);
}

const active = async (token: string | null) => (await issuer.introspect(token ?? 'none'))['active'] === true;

describe.runIf(inKeychainSession)('a reauthorization killed in the middle, settled by the next command', () => {
  it('before the old grant was touched: the new grant is revoked, the old one stands', async () => {
    const id = await authorized();
    const old = await slotValue(id);
    await lapseApproving(['reauthorize', id, '--scopes', 'api:read'], '', 'reauthorize-new-kept');
    const cutOff = issuer.issued.at(-1)?.access_token ?? null;
    expect(cutOff).not.toBe(old);
    expect(await slots(id)).toContain(`${id}#pending`);

    const shown = await lapse(['show', id, '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ scopes: ['api:read', 'api:write'] });
    expect(await slotValue(id)).toBe(old);
    expect(await active(old)).toBe(true);
    expect(await active(cutOff)).toBe(false);
    expect(await slots(id)).toEqual([id, `${id}#client`, `${id}#refresh`].sort());
    expect((await lapse(['log', id])).stdout).toContain('cut short before the old grant was touched');
  }, 60_000);

  it('while the old grant was ending: the new grant, verified, is made current with the scopes asked', async () => {
    const id = await authorized();
    const old = await slotValue(id);
    await lapseApproving(['reauthorize', id, '--scopes', 'api:read'], '', 'reauthorize-old-ending');
    const fresh = issuer.issued.at(-1)?.access_token ?? null;

    const shown = await lapse(['show', id, '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ scopes: ['api:read'] });
    expect(await slotValue(id)).toBe(fresh);
    expect(await active(fresh)).toBe(true);
    expect(await active(old)).toBe(false);
    // Revoked before the cut, the old grant is seen dead: nothing of it is kept.
    expect(await slots(id)).toEqual([id, `${id}#client`, `${id}#refresh`].sort());
    expect(await slotValue(`${id}#refresh`)).toBe(issuer.issued.at(-1)?.refresh_token);
    const log = (await lapse(['log', id])).stdout.replace(/\s+/g, ' ');
    expect(log).toContain('reauthorization cut short was carried through');
    expect(log).toContain('the old grant is revoked and confirmed dead');
  }, 60_000);
});
