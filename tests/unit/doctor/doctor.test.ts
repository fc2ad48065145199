// `lapse doctor` names what is missing with the exact commands, and `lapse serve` says at start
// when the window will be read-only (no false "Lapse is running").
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { repoRoot, run } from '../../helpers/processes.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';

announceKeychainSkip();
const bin = path.join(repoRoot, 'bin', 'lapse.js');
const vault = ownVaultEachTest('lapse-doctor');

const noBus = () => vault.env({ NO_COLOR: '1' }, ['DBUS_SESSION_BUS_ADDRESS', 'LAPSE_IN_KEYCHAIN_SESSION']);
const inSession = () => vault.env({ NO_COLOR: '1' });

describe('lapse doctor without a session bus', () => {
  it('fails (exit 1) on the keychain and prints the install and headless-keyring commands', async () => {
    const out = await run(process.execPath, [bin, 'doctor'], { env: noBus() });
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('✗ OS keychain: no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)');
    expect(out.stdout).toContain('scripts/headless-keyring.sh');
    expect(out.stdout).toContain('scripts/headless-keyring.sh npm start');
    expect(out.stdout).toMatch(/keyrings\/login\.keyring: it survives restarts/);
    expect(out.stdout).toContain('– Keychain round trip: skipped');
    expect(out.stdout).toMatch(/1 problem: fix it with the commands above/);
    const json = JSON.parse((await run(process.execPath, [bin, 'doctor', '--json'], { env: noBus() })).stdout) as {
      ok: boolean;
      checks: { id: string; state: string; fix: string[] }[];
    };
    expect(json.ok).toBe(false);
    expect(json.checks.find((c) => c.id === 'keychain')).toMatchObject({
      state: 'fail',
      fix: expect.arrayContaining([expect.stringContaining('headless-keyring.sh')]),
    });
  });

  it('lapse serve says READ-ONLY and points at doctor instead of a plain "Lapse is running"', async () => {
    const child = await run(process.execPath, [bin, 'serve'], { env: noBus(), timeoutMs: 4000 });
    expect(child.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?key=/);
    expect(child.stderr).toContain('Lapse is running READ-ONLY: No D-Bus session bus');
    expect(child.stderr).toContain('npx lapse doctor');
    expect(child.stderr).not.toContain('Lapse is running: open');
  });
});

describe.skipIf(!inKeychainSession)('lapse doctor with a keychain', () => {
  it('passes (exit 0) with a working keychain, warns that a /tmp keyring is thrown away, and names tokens whose secrets are missing', async () => {
    const clean = await run(process.execPath, [bin, 'doctor'], { env: inSession() });
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout).toContain('✓ Keychain round trip: stored, read back and removed a test entry');
    expect(clean.stdout).toContain('! The keyring is thrown away when this session ends');

    const added = await run(process.execPath, [bin, 'add', '--label', 'gone', '--expires', 'never'], {
      env: inSession(),
      input: `${fakeTokens.npm()}\n`,
    });
    const id = added.stdout.trim();
    await run('secret-tool', ['clear', 'service', vault.service, 'username', id]);
    const after = await run(process.execPath, [bin, 'doctor'], { env: inSession() });
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('✗ Secrets: 1 of 1 tokens have no entry in this keychain');
    expect(after.stdout).toContain(id.slice(0, 8));
    const listed = JSON.parse((await run(process.execPath, [bin, 'list', '--json'], { env: inSession() })).stdout) as {
      status: string;
    }[];
    expect(listed[0]?.status).toBe('secret-missing');
  });
});
