import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeJwt, fakeTokens, randomAlnum, tracesIn } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { builtModule, repoRoot, run } from '../../helpers/processes.js';
import { lapseInProcess } from '../../helpers/in-process-cli.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';
import { allFileText, modeOf } from '../../helpers/temp-home.js';
import { put } from './scan-rig.js';

announceKeychainSkip();

const vault = ownVaultEachTest('lapse-scan-cli');
/** A person's HOME and the Lapse folder side by side in this test's folder. */
const env = (extra: NodeJS.ProcessEnv = {}) =>
  vault.env({ HOME: path.join(vault.home, 'home'), LAPSE_HOME: path.join(vault.home, 'lapse'), ...extra });
beforeEach(() => fs.mkdirSync(path.join(vault.home, 'home')));

const lapse = (args: string[]) => lapseInProcess(args, env());

/** A project with tokens of a few kinds, returning the secrets planted. */
async function plantProject(): Promise<{ dir: string; secrets: string[] }> {
  const dir = path.join(vault.home, 'project');
  const secrets = [
    fakeTokens.githubClassic(),
    fakeTokens.npm(),
    `FAKE${randomAlnum(30)}`,
    await fakeJwt({ exp: 1_900_000_000 }),
  ];
  put(path.join(dir, '.env'), `GITHUB_TOKEN=${secrets[0]}\nAPI_KEY=${secrets[2]}\n`);
  put(path.join(dir, 'config', '.npmrc'), `//registry.npmjs.org/:_authToken=${secrets[1]}\n`);
  put(path.join(dir, 'logs', 'app.log'), `GET /cb Authorization: Bearer ${secrets[3]}\n`);
  return { dir, secrets };
}

describe('lapse scan', () => {
  it('--json prints exactly one object: scanId, findings with the documented fields (absolute paths), skipped', async () => {
    const { dir } = await plantProject();
    const { code, stdout } = await lapse(['scan', dir, '--json']);
    expect(code).toBe(1); // plaintext secrets found
    const out = JSON.parse(stdout) as { scanId: string; findings: Record<string, unknown>[]; skipped: unknown };
    expect(Object.keys(out)).toEqual(['scanId', 'findings', 'skipped']);
    expect(out.findings).toHaveLength(4);
    for (const [i, finding] of out.findings.entries()) {
      expect(Object.keys(finding)).toEqual([
        'n',
        'file',
        'line',
        'column',
        'provider',
        'kind',
        'masked',
        'fingerprint',
        'tokenId',
        'privateKey',
        'commit',
      ]);
      expect(finding).toMatchObject({ privateKey: null, commit: null });
      expect(finding).toMatchObject({ n: i + 1, tokenId: null });
      expect(path.isAbsolute(finding['file'] as string)).toBe(true);
    }
    expect(out.skipped).toEqual({ files: 0, reasons: {} });
  });

  it('never shows or keeps a secret: not on stdout or stderr, not in the saved scan (mode 0600), not in the Lapse folder', async () => {
    const { dir, secrets } = await plantProject();
    const json = await lapse(['scan', dir, '--json']);
    const text = await lapse(['scan', dir]);
    const saved = path.join(
      vault.home,
      'lapse',
      'scans',
      `${(JSON.parse(json.stdout) as { scanId: string }).scanId}.json`,
    );
    expect(modeOf(saved)).toBe(0o600);
    const places = [
      json.stdout,
      json.stderr,
      text.stdout,
      text.stderr,
      ...allFileText(path.join(vault.home, 'lapse')).map((f) => f.text),
    ];
    for (const secret of secrets) for (const place of places) expect(tracesIn(place, secret)).toEqual([]);
    expect(text.stdout).toContain('lapse import --scan-id');
  });

  it('says what it read on stderr, and asks for a path or --known-locations when given neither', async () => {
    const { dir } = await plantProject();
    expect((await lapse(['scan', dir])).stderr).toMatch(/Scanned 3 files .*: 4 secrets found/);
    const bare = await lapse(['scan']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/--known-locations/);
  });

  it('exits 0 when nothing is found, 1 when a plaintext secret is, 2 for a usage or environment problem', async () => {
    const clean = path.join(vault.home, 'clean');
    put(path.join(clean, 'README.md'), 'nothing secret here\n');
    expect((await lapse(['scan', clean])).code).toBe(0);
    const { dir } = await plantProject();
    expect((await lapse(['scan', dir])).code).toBe(1);
    expect((await lapse(['scan', dir, '--format', 'yaml'])).code).toBe(2);
    const notRepo = await lapse(['scan', '--git', clean]);
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toMatch(/not a git repository/);
  });

  it('lapse import needs a scan id and either --finding or --all', async () => {
    expect((await lapse(['import', '--all'])).code).toBe(2);
    expect((await lapse(['import', '--scan-id', '20261120T090000Z-abcdef', '--all', '--finding', '1'])).code).toBe(2);
    expect((await lapse(['import', '--scan-id', '20261120T090000Z-abcdef', '--finding', 'x'])).code).toBe(2);
  });

  it.each(['node', 'ripgrep'])('the installed (bundled) command, reading with %s, finds the same', async (engine) => {
    builtModule('electron/discovery/scan-worker.js');
    const { dir } = await plantProject();
    const result = await run(process.execPath, [path.join(repoRoot, 'bin/lapse.js'), 'scan', dir, '--json'], {
      env: env({ LAPSE_SCAN_ENGINE: engine }),
      timeoutMs: 20_000,
    });
    expect(result.code, result.stderr).toBe(1);
    const inProcess = JSON.parse((await lapse(['scan', dir, '--json'])).stdout) as { findings: unknown[] };
    expect((JSON.parse(result.stdout) as { findings: unknown[] }).findings).toEqual(inProcess.findings);
  });
});

describe.skipIf(!inKeychainSession)('lapse import, with the real keychain', () => {
  it('moves a found token into the keychain, and a second scan reports it as in the vault', async () => {
    const { dir, secrets } = await plantProject();
    const first = JSON.parse((await lapse(['scan', dir, '--json'])).stdout) as {
      scanId: string;
      findings: { n: number; file: string; tokenId: string | null }[];
    };
    const npm = first.findings.find((f) => f.file.endsWith('.npmrc'));
    const imported = await lapse(['import', '--scan-id', first.scanId, '--finding', String(npm?.n), '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const result = JSON.parse(imported.stdout) as {
      results: { outcome: string; tokenId: string }[];
      advice: { source: string; steps: string[] }[];
    };
    expect(result.results).toMatchObject([{ outcome: 'imported' }]);
    const id = result.results[0]?.tokenId as string;
    expect((await lapse(['reveal', id])).stdout.trim()).toBe(secrets[1]);
    const shown = JSON.parse((await lapse(['show', id, '--json'])).stdout) as {
      tags: string[];
      provider: string;
      label: string;
    };
    expect(shown).toMatchObject({
      provider: 'npm',
      tags: ['imported'],
      label: `npm access token from ${path.join(dir, 'config', '.npmrc')}`,
    });
    expect(result.advice[0]?.steps.join('\n')).toContain('_authToken=${NPM_TOKEN}');
    expect(result.advice[0]?.steps.join('\n')).toContain(`lapse reveal ${id}`);

    const second = JSON.parse((await lapse(['scan', dir, '--json'])).stdout) as {
      findings: { file: string; tokenId: string | null }[];
    };
    expect(second.findings.find((f) => f.file.endsWith('.npmrc'))?.tokenId).toBe(id);
    expect(second.findings.filter((f) => f.tokenId === null)).toHaveLength(3);
  });

  it('a Docker login (base64 user:password in config.json) is imported as its password, with Docker advice', async () => {
    const pat = fakeTokens.docker();
    const auth = Buffer.from(`octo:${pat}`).toString('base64');
    put(
      path.join(vault.home, 'home', '.docker', 'config.json'),
      `{\n  "auths": {\n    "https://index.docker.io/v1/": { "auth": "${auth}" }\n  }\n}\n`,
    );
    const scanned = JSON.parse((await lapse(['scan', '--known-locations', '--json'])).stdout) as {
      scanId: string;
      findings: { line: number; provider: string }[];
    };
    expect(scanned.findings).toMatchObject([{ line: 3, provider: 'docker' }]);
    const imported = JSON.parse((await lapse(['import', '--scan-id', scanned.scanId, '--all', '--json'])).stdout) as {
      results: { outcome: string; tokenId: string }[];
      advice: { source: string; steps: string[] }[];
    };
    expect(imported.results).toMatchObject([{ outcome: 'imported' }]);
    expect((await lapse(['reveal', imported.results[0]?.tokenId as string])).stdout.trim()).toBe(pat);
    expect(imported.advice).toMatchObject([{ source: 'docker-config' }]);
    expect(imported.advice[0]?.steps.join(' ')).toMatch(/credsStore/);
  });

  it('--all imports every finding not in the vault, each re-read from its file; a file changed since the scan is not imported', async () => {
    const { dir } = await plantProject();
    const scanned = JSON.parse((await lapse(['scan', dir, '--json'])).stdout) as { scanId: string };
    put(path.join(dir, 'logs', 'app.log'), 'rotated away\n');
    const imported = await lapse(['import', '--scan-id', scanned.scanId, '--all']);
    expect(imported.code).toBe(1);
    expect(imported.stdout.match(/ imported /g)).toHaveLength(3);
    expect(imported.stdout).toMatch(/changed .*no longer holds this secret/);
    expect(imported.stdout).toContain('Lapse never edits your files');
    const again = await lapse(['import', '--scan-id', scanned.scanId, '--finding', '1']);
    expect(again.stdout).toMatch(/already-in-vault/);
  });
});
