import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keychainMessages } from '../../electron/vault/keychain-error.js';
import { canarySecret, fakeJwt, fakeTokens, tracesIn } from '../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession, keychainAttributes } from '../helpers/keychain-session.js';
import { repoRoot, run } from '../helpers/processes.js';
import { lapseInProcessWatchingStdin } from '../helpers/in-process-cli.js';
import { ownVaultEachTest } from '../helpers/own-vault.js';

announceKeychainSkip();

/** The documented `lapse list --json` / `show --json` fields, in their documented order. */
const documentedFields = [
  'id',
  'label',
  'provider',
  'kind',
  'account',
  'scopes',
  'grantedScopes',
  'purpose',
  'tags',
  'baseUrl',
  'createdAt',
  'addedAt',
  'expiresAt',
  'expiryUnknown',
  'lastVerifiedAt',
  'lastUsedAt',
  'lastRotatedAt',
  'status',
  'findings',
  'masked',
  'fingerprint',
];

const day = 86_400_000;
const vault = ownVaultEachTest('lapse-cli');

/** `lapse ARGS` in-process, with piped stdin and captured output, against this test's vault and keychain service. */
const lapse = (args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) =>
  lapseInProcessWatchingStdin(args, options.env ?? vault.env(), options.stdin);

async function addToken(secret: string, ...extra: string[]): Promise<string> {
  const added = await lapse(['add', '--label', 'test token', ...extra], { stdin: `${secret}\n` });
  expect(added, added.stderr).toMatchObject({ code: 0 });
  return added.stdout.trim();
}

const vaultText = () => {
  const file = path.join(vault.home, 'vault.json');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
};

describe.skipIf(!inKeychainSession)('the lapse CLI against the real keychain', () => {
  it('add reads the secret from the first line of stdin, prints the id, and reveal gives it back exactly', async () => {
    const secret = fakeTokens.githubClassic();
    const added = await lapse(['add', '--label', 'CI deploys'], { stdin: `${secret}\nsecond line is ignored\n` });
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    expect(added.stderr).toBe(
      `Stored "CI deploys" (ghp_…${secret.slice(-4)}) in the OS keychain.\n` +
        'Note: its expiry is unknown (no --expires, and the token does not say). Set it with `lapse edit ID --expires YYYY-MM-DD` (or "never").\n',
    );
    const revealed = await lapse(['reveal', added.stdout.trim()]);
    expect(revealed).toMatchObject({ code: 0, stdout: `${secret}\n`, stderr: '' });
    expect((await keychainAttributes(vault.service)).usernames).toEqual([added.stdout.trim()]);
  });

  it('a Windows line ending after the secret is not part of it', async () => {
    const secret = fakeTokens.slackBot();
    const added = await lapse(['add', '--label', 'crlf'], { stdin: `${secret}\r\n` });
    expect(added.code).toBe(0);
    expect((await lapse(['reveal', added.stdout.trim()])).stdout).toBe(`${secret}\n`);
  });

  it.each([
    ['as a positional argument', (s: string) => [s]],
    ['with --secret', (s: string) => ['--secret', s]],
    ['with --token=', (s: string) => [`--token=${s}`]],
  ])('refuses a secret given %s (exit 2), never echoes it, and stores nothing', async (_how, place) => {
    const secret = canarySecret();
    const result = await lapse(['add', '--label', 'x', ...place(secret)], { stdin: `${fakeTokens.npm()}\n` });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/stdin/);
    expect(tracesIn(result.stdout + result.stderr, secret)).toEqual([]);
    expect(result.stdinRead).toBe(false);
    expect(vaultText()).toBe('');
    expect((await keychainAttributes(vault.service)).usernames).toEqual([]);
  });

  it('an empty stdin is refused (exit 2) and nothing is stored', async () => {
    const result = await lapse(['add', '--label', 'empty'], { stdin: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/secret is empty/);
    expect((await keychainAttributes(vault.service)).usernames).toEqual([]);
  });

  it('list --json prints exactly the documented fields, in order, and never the secret', async () => {
    const secret = fakeTokens.gitlabRoutable();
    const id = await addToken(secret, '--purpose', 'pipeline', '--tag', 'ci', '--scopes', 'api,read_repository');
    const listed = await lapse(['list', '--json']);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!)).toEqual(documentedFields);
    expect(rows[0]).toMatchObject({
      id,
      provider: 'gitlab',
      purpose: 'pipeline',
      tags: ['ci'],
      scopes: ['api', 'read_repository'],
    });
    expect(tracesIn(listed.stdout + listed.stderr, secret)).toEqual([]);
    const shown = await lapse(['show', id, '--json']);
    expect(Object.keys(JSON.parse(shown.stdout) as object)).toEqual(documentedFields);
  });

  it('the list table, show and the vault file never hold the secret', async () => {
    const secret = fakeTokens.anthropicApi();
    const id = await addToken(secret);
    const outputs = [await lapse(['list']), await lapse(['show', id]), await lapse(['show', id.slice(0, 8)])];
    for (const o of outputs) {
      expect(o.code).toBe(0);
      expect(tracesIn(o.stdout + o.stderr, secret)).toEqual([]);
    }
    expect(outputs[1]!.stdout).toContain(`sk-ant-api0…${secret.slice(-4)}`);
    expect(tracesIn(vaultText(), secret)).toEqual([]);
  });

  it('rm without --yes on a non-terminal exits 2 and keeps the token; with --yes it goes to Recently deleted, restorable, then purged for good', async () => {
    const id = await addToken(fakeTokens.npm());
    const refused = await lapse(['rm', id]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    expect(JSON.parse((await lapse(['list', '--json'])).stdout)).toHaveLength(1);
    expect((await keychainAttributes(vault.service)).usernames).toEqual([id]);

    const removed = await lapse(['rm', id, '--yes']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('It still works at its provider');
    expect(JSON.parse((await lapse(['list', '--json'])).stdout)).toEqual([]);
    expect((await lapse(['deleted'])).stdout).toContain(id.slice(0, 8));
    expect((await lapse(['restore', id.slice(0, 8)])).code).toBe(0);
    expect(JSON.parse((await lapse(['list', '--json'])).stdout)).toHaveLength(1);
    await lapse(['rm', id, '--yes']);
    expect((await lapse(['deleted', '--purge', id])).code).toBe(2);
    expect((await lapse(['deleted', '--purge', id, '--yes'])).code).toBe(0);
    expect((await keychainAttributes(vault.service)).usernames).toEqual([]);
    expect((await lapse(['deleted'])).stdout).toContain('Nothing in Recently deleted');
  });

  it('adding the same token twice exits 1 (the operation failed), naming the first', async () => {
    const secret = fakeTokens.npm();
    await addToken(secret);
    const again = await lapse(['add', '--label', 'again'], { stdin: `${secret}\n` });
    expect(again).toMatchObject({ code: 1, stderr: 'lapse: This token is already in Lapse as "test token".\n' });
  });

  it('show and --json name the granted scopes beside the declared ones', async () => {
    const jwt = await fakeJwt({ scope: 'read:metrics write:metrics', exp: Math.floor(Date.now() / 1000) + 86_400 });
    const id = await addToken(jwt, '--provider', 'jwt', '--scopes', 'write:metrics');
    const shown = JSON.parse((await lapse(['show', id, '--json'])).stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({
      scopes: ['write:metrics'],
      grantedScopes: ['read:metrics', 'write:metrics'],
      expiryUnknown: false,
    });
    const text = (await lapse(['show', id])).stdout;
    expect(text).toMatch(/granted\s+read:metrics, write:metrics/);
    expect(text).toMatch(/^\S.*\(JWT\)$/m);
  });

  it('show of an unknown id exits 1 (and --json prints the error as JSON)', async () => {
    const missing = await lapse(['show', '00000000-0000-4000-8000-000000000000']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No token with id/);
    const asJson = await lapse(['show', 'deadbeef', '--json']);
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ error: { code: 'not-found' } });
  });

  it('--now judges tokens as of another instant: the countdown and status follow it', async () => {
    const expires = new Date(Date.now() + 30 * day).toISOString();
    const id = await addToken(fakeTokens.stripeTest(), '--expires', expires);
    const statusAt = async (...args: string[]) => {
      const out = await lapse(['list', '--json', ...args]);
      return (JSON.parse(out.stdout) as { id: string; status: string }[]).find((t) => t.id === id)?.status;
    };
    expect(await statusAt()).toBe('not-verified-yet');
    expect(await statusAt('--now', new Date(Date.now() + 20 * day).toISOString())).toBe('expiring');
    expect(await statusAt('--now', new Date(Date.parse(expires) + 3 * day).toISOString())).toBe('expired');
    const table = await lapse(['list', '--now', new Date(Date.parse(expires) + 3 * day).toISOString()]);
    expect(table.stdout).toMatch(/EXPIRED\s+expired 3 days ago/);
    const viaEnv = await lapse(['list', '--json'], {
      env: vault.env({ LAPSE_NOW: expires }),
    });
    expect((JSON.parse(viaEnv.stdout) as { status: string }[])[0]?.status).toBe('expired');
    expect((await lapse(['list', '--now', 'last tuesday'])).code).toBe(2);
  });

  it('edit changes only what it names, and the secret stays the same', async () => {
    const secret = fakeTokens.huggingface();
    const id = await addToken(secret, '--purpose', 'datasets');
    const edited = await lapse(['edit', id, '--label', 'renamed']);
    expect(edited.code).toBe(0);
    const shown = JSON.parse((await lapse(['show', id, '--json'])).stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({ label: 'renamed', purpose: 'datasets' });
    expect((await lapse(['reveal', id])).stdout).toBe(`${secret}\n`);
  });

  it('the environment given to runCli decides the keychain too: without a session bus in io.env, add exits 2', async () => {
    const env = vault.env({}, ['DBUS_SESSION_BUS_ADDRESS']);
    const result = await lapse(['add', '--label', 'no bus'], { stdin: `${fakeTokens.npm()}\n`, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(keychainMessages.noBus);
    expect((await keychainAttributes(vault.service)).usernames).toEqual([]);
  });
});

describe('the lapse binary with no keychain (no D-Bus session bus)', () => {
  const bin = path.join(repoRoot, 'bin', 'lapse.js');
  const env = () => vault.env({}, ['DBUS_SESSION_BUS_ADDRESS', 'LAPSE_IN_KEYCHAIN_SESSION']);

  it('add exits 2 with the "no D-Bus session bus" message, never echoes the secret, and writes no metadata', async () => {
    if (!fs.existsSync(path.join(repoRoot, 'dist', 'electron', 'cli', 'main.js'))) {
      throw new Error('dist/ is missing: run `npm run build:node` before these tests.');
    }
    const secret = fakeTokens.githubClassic();
    const result = await run(process.execPath, [bin, 'add', '--label', 'no keychain'], {
      env: env(),
      input: `${secret}\n`,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(keychainMessages.noBus);
    // A CLI has no Retry button: it says what to run instead.
    expect(result.stderr).not.toContain('Retry');
    expect(result.stderr).toContain('lapse doctor');
    expect(result.stdout).toBe('');
    expect(tracesIn(result.stdout + result.stderr, secret)).toEqual([]);
    expect(vaultText()).not.toContain('no keychain');
  });

  it('list still works (exit 0): it reads metadata only', async () => {
    const result = await run(process.execPath, [bin, 'list'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/No tokens yet/);
    const asJson = await run(process.execPath, [bin, 'list', '--json'], { env: env() });
    expect(asJson.code).toBe(0);
    expect(JSON.parse(asJson.stdout)).toEqual([]);
  });
});

describe('CLI conventions (gh, op)', () => {
  it('--version, -V and version print the version and exit 0', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V', 'version']) {
      const out = await lapse([flag]);
      expect(out.code).toBe(0);
      expect(out.stdout).toMatch(new RegExp(`^lapse ${version.replace(/\./g, '\\.')} \\(Node\\.js `));
    }
  });

  it('a mistyped command or option is answered with the one meant (exit 2)', async () => {
    expect(await lapse(['lsit'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Did you mean `lapse list`?'),
    });
    expect((await lapse(['verfy'])).stderr).toContain('Did you mean `lapse verify`?');
    expect((await lapse(['add', '--lable', 'x'])).stderr).toContain('Did you mean --label?');
    const nonsense = await lapse(['zzzzzz']);
    expect(nonsense.stderr).not.toContain('Did you mean');
    expect(nonsense.stderr).toContain('Commands: add, list');
  });

  it('colours statuses only at a terminal, and never with NO_COLOR or --no-color', async () => {
    const { paintFor } = await import('../../electron/cli/colour.js');
    const tty = { isTTY: true };
    expect(paintFor(tty, {}, false).status('expired', 'EXPIRED')).toBe('\u001b[31mEXPIRED\u001b[0m');
    expect(paintFor(tty, {}, false).status('healthy', 'HEALTHY')).toBe('\u001b[32mHEALTHY\u001b[0m');
    expect(paintFor(tty, { NO_COLOR: '1' }, false).on).toBe(false);
    expect(paintFor(tty, {}, true).on).toBe(false);
    expect(paintFor(tty, { TERM: 'dumb' }, false).on).toBe(false);
    expect(paintFor({ isTTY: false }, {}, false).on).toBe(false);
    expect(paintFor({ isTTY: false }, { FORCE_COLOR: '1' }, false).on).toBe(true);
    // Piped (as here): plain text, whatever the flags.
    expect((await lapse(['list'])).stdout).not.toContain('\u001b[');
    expect((await lapse(['list', '--no-color'])).code).toBe(0);
  });
});
