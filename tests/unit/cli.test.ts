import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import type { CliIo } from '../../electron/cli/io.js';
import { keychainMessages } from '../../electron/vault/keychain-error.js';
import { canarySecret, fakeTokens, testServiceName, tracesIn } from '../helpers/fake-tokens.js';
import { announceKeychainSkip, clearKeychainService, inKeychainSession, keychainAttributes } from '../helpers/keychain-session.js';
import { envWithout, repoRoot, run } from '../helpers/processes.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-home.js';

announceKeychainSkip();

/** The documented `lapse list --json` / `show --json` fields, in their documented order. */
const documentedFields = [
  'id',
  'label',
  'provider',
  'kind',
  'account',
  'scopes',
  'purpose',
  'tags',
  'baseUrl',
  'createdAt',
  'expiresAt',
  'lastVerifiedAt',
  'lastUsedAt',
  'lastRotatedAt',
  'status',
  'findings',
  'masked',
  'fingerprint',
];

const day = 86_400_000;
let home: string;
let service: string;

beforeEach(() => {
  home = makeTempDir('lapse-cli');
  service = testServiceName();
});

afterEach(async () => {
  await clearKeychainService(service);
  removeTempDir(home);
});

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Whether the command read anything from stdin. */
  stdinRead: boolean;
}

/** `lapse ARGS` in-process, with piped stdin and captured output, against this test's vault and keychain service. */
async function lapse(args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const stdin = new PassThrough();
  let stdinRead = false;
  stdin.on('resume', () => (stdinRead = true));
  stdin.end(options.stdin ?? '');
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdin,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env ?? { ...envWithout(['LAPSE_NOW']), LAPSE_HOME: home, LAPSE_KEYCHAIN_SERVICE: service },
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr, stdinRead };
}

async function addToken(secret: string, ...extra: string[]): Promise<string> {
  const added = await lapse(['add', '--label', 'test token', ...extra], { stdin: `${secret}\n` });
  expect(added, added.stderr).toMatchObject({ code: 0 });
  return added.stdout.trim();
}

const vaultText = () => {
  const file = path.join(home, 'vault.json');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
};

describe.skipIf(!inKeychainSession)('the lapse CLI against the real keychain', () => {
  it('add reads the secret from the first line of stdin, prints the id, and reveal gives it back exactly', async () => {
    const secret = fakeTokens.githubClassic();
    const added = await lapse(['add', '--label', 'CI deploys'], { stdin: `${secret}\nsecond line is ignored\n` });
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    expect(added.stderr).toBe(`Stored "CI deploys" (ghp_…${secret.slice(-4)}) in the OS keychain.\n`);
    const revealed = await lapse(['reveal', added.stdout.trim()]);
    expect(revealed).toMatchObject({ code: 0, stdout: `${secret}\n`, stderr: '' });
    expect((await keychainAttributes(service)).usernames).toEqual([added.stdout.trim()]);
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
    expect((await keychainAttributes(service)).usernames).toEqual([]);
  });

  it('an empty stdin is refused (exit 2) and nothing is stored', async () => {
    const result = await lapse(['add', '--label', 'empty'], { stdin: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/secret is empty/);
    expect((await keychainAttributes(service)).usernames).toEqual([]);
  });

  it('list --json prints exactly the documented fields, in order, and never the secret', async () => {
    const secret = fakeTokens.gitlabRoutable();
    const id = await addToken(secret, '--purpose', 'pipeline', '--tag', 'ci', '--scopes', 'api,read_repository');
    const listed = await lapse(['list', '--json']);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!)).toEqual(documentedFields);
    expect(rows[0]).toMatchObject({ id, provider: 'gitlab', purpose: 'pipeline', tags: ['ci'], scopes: ['api', 'read_repository'] });
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

  it('rm without --yes on a non-terminal exits 2 and keeps the token; with --yes it is gone from the keychain too', async () => {
    const id = await addToken(fakeTokens.npm());
    const refused = await lapse(['rm', id]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    expect(JSON.parse((await lapse(['list', '--json'])).stdout)).toHaveLength(1);
    expect((await keychainAttributes(service)).usernames).toEqual([id]);

    const removed = await lapse(['rm', id, '--yes']);
    expect(removed.code).toBe(0);
    expect(JSON.parse((await lapse(['list', '--json'])).stdout)).toEqual([]);
    expect((await keychainAttributes(service)).usernames).toEqual([]);
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
    expect(await statusAt()).toBe('unverified');
    expect(await statusAt('--now', new Date(Date.now() + 20 * day).toISOString())).toBe('expiring');
    expect(await statusAt('--now', new Date(Date.parse(expires) + 3 * day).toISOString())).toBe('expired');
    const table = await lapse(['list', '--now', new Date(Date.parse(expires) + 3 * day).toISOString()]);
    expect(table.stdout).toMatch(/EXPIRED\s+expired 3 days ago/);
    const viaEnv = await lapse(['list', '--json'], {
      env: { ...envWithout(['LAPSE_NOW']), LAPSE_HOME: home, LAPSE_KEYCHAIN_SERVICE: service, LAPSE_NOW: expires },
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
    const env = { ...envWithout(['DBUS_SESSION_BUS_ADDRESS', 'LAPSE_NOW']), LAPSE_HOME: home, LAPSE_KEYCHAIN_SERVICE: service };
    const result = await lapse(['add', '--label', 'no bus'], { stdin: `${fakeTokens.npm()}\n`, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(keychainMessages.noBus);
    expect((await keychainAttributes(service)).usernames).toEqual([]);
  });
});

describe('the lapse binary with no keychain (no D-Bus session bus)', () => {
  const bin = path.join(repoRoot, 'bin', 'lapse.js');
  const env = () => ({
    ...envWithout(['DBUS_SESSION_BUS_ADDRESS', 'LAPSE_NOW', 'LAPSE_IN_KEYCHAIN_SESSION']),
    LAPSE_HOME: home,
    LAPSE_KEYCHAIN_SERVICE: service,
  });

  it('add exits 2 with the "no D-Bus session bus" message, never echoes the secret, and writes no metadata', async () => {
    if (!fs.existsSync(path.join(repoRoot, 'dist', 'electron', 'cli', 'main.js'))) {
      throw new Error('dist/ is missing: run `npm run build:node` before these tests.');
    }
    const secret = fakeTokens.githubClassic();
    const result = await run(process.execPath, [bin, 'add', '--label', 'no keychain'], { env: env(), input: `${secret}\n` });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(keychainMessages.noBus);
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
