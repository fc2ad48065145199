import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileScanner } from '../../../electron/discovery/file-scanner.js';
import { locateRipgrep } from '../../../electron/discovery/ripgrep.js';
import { emptyDigest } from '../../../electron/discovery/scan-types.js';
import { fakeTokens, randomAlnum } from '../../helpers/fake-tokens.js';
import { put, scan, scanRig, type ScanRig } from './scan-rig.js';

let rig: ScanRig;
beforeEach(() => (rig = scanRig()));
afterEach(() => {
  vi.unstubAllEnvs();
  rig.remove();
});

const filler = (lines: number) =>
  Array.from({ length: lines }, (_, i) => `const value${i} = compute(${i}); // nothing secret here`).join('\n');

describe('reading the folders a user names', () => {
  it('finds tokens in every text file, hidden ones and .env files included, with line and column', async () => {
    const a = fakeTokens.stripeLive();
    const b = fakeTokens.slackBot();
    put(path.join(rig.work, 'app/src/config.ts'), `${filler(40)}\nconst stripe = new Stripe('${a}');\n`);
    put(path.join(rig.work, 'app/.env.production'), `SLACK_TOKEN=${b}\n`);
    const result = await scan(rig.api, { paths: [rig.work] });
    expect(result.findings.map((f) => [path.relative(rig.work, f.file), f.line, f.column, f.masked])).toEqual([
      ['app/.env.production', 1, 13, `xoxb-…${b.slice(-4)}`],
      ['app/src/config.ts', 41, 28, `sk_live_…${a.slice(-4)}`],
    ]);
    expect(result.scanned.files).toBe(2);
  });

  it('counts a column in characters, not bytes, after non-ASCII text', async () => {
    const token = fakeTokens.githubClassic();
    put(path.join(rig.work, 'notes.md'), `Jeton de déploiement — « ${token} »\n`);
    const [finding] = (await scan(rig.api, { paths: [rig.work] })).findings;
    expect(finding?.column).toBe('Jeton de déploiement — « '.length + 1);
  });

  it('skips and counts node_modules, .git, binary files and links to folders, and carries on (reading every byte)', async () => {
    vi.stubEnv('LAPSE_SCAN_ENGINE', 'node');
    const token = fakeTokens.npm();
    put(path.join(rig.work, 'node_modules/pkg/index.js'), `// ${token}\n`);
    put(path.join(rig.work, '.git/config'), `url = https://x:${token}@github.com/o/r\n`);
    put(path.join(rig.work, 'logo.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0, 0]), Buffer.from(token)]));
    fs.symlinkSync(path.join(rig.work, 'node_modules'), path.join(rig.work, 'linked'));
    put(path.join(rig.work, 'README.md'), `npm token: ${token}\n`);
    const result = await scan(rig.api, { paths: [rig.work] });
    expect(result.findings.map((f) => path.basename(f.file))).toEqual(['README.md']);
    expect(result.skipped).toEqual({ files: 4, reasons: { node_modules: 1, 'git-folder': 1, binary: 1, symlink: 1 } });
  });

  it('a path that does not exist, or a dangling link, is counted and reported, not fatal', async () => {
    vi.stubEnv('LAPSE_SCAN_ENGINE', 'node');
    fs.symlinkSync(path.join(rig.work, 'gone'), path.join(rig.work, 'dangling'));
    const result = await scan(rig.api, { paths: [path.join(rig.work, 'missing'), rig.work] });
    expect(result.skipped.reasons).toEqual({ 'not-found': 1, unreadable: 1 });
    expect(result.warnings.join(' ')).toMatch(/do not exist/);
  });

  it.runIf(locateRipgrep() !== null)(
    'with ripgrep: the same findings; what ripgrep passes over is not counted, a missing path still is',
    async () => {
      const token = fakeTokens.npm();
      put(path.join(rig.work, 'node_modules/pkg/index.js'), `// ${token}\n`);
      put(path.join(rig.work, 'logo.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0, 0]), Buffer.from(token)]));
      put(path.join(rig.work, 'README.md'), `npm token: ${token}\n`);
      const result = await scan(rig.api, { paths: [path.join(rig.work, 'missing'), rig.work] });
      expect(result.engine).toBe('ripgrep');
      expect(result.findings.map((f) => [path.basename(f.file), f.line, f.column])).toEqual([['README.md', 1, 12]]);
      expect(result.skipped.reasons).toEqual({ 'not-found': 1 });
      expect(result.scanned.files).toBeGreaterThanOrEqual(2);
    },
  );

  it.runIf(locateRipgrep() !== null)(
    'with ripgrep: a file whose NUL byte comes long after a secret is binary, as reading every byte says',
    async () => {
      const token = fakeTokens.npm();
      const late = Buffer.concat([Buffer.from(`NPM_TOKEN=${token}\n${filler(3000)}\n`), Buffer.from([0, 1, 2])]);
      put(path.join(rig.work, 'dump.dat'), late);
      put(path.join(rig.work, 'README.md'), `npm token: ${token}\n`);
      for (const engine of ['ripgrep', 'node']) {
        vi.stubEnv('LAPSE_SCAN_ENGINE', engine);
        const result = await scan(rig.api, { paths: [rig.work] });
        expect(result.findings.map((f) => path.basename(f.file))).toEqual(['README.md']);
        expect(result.skipped.reasons).toEqual({ binary: 1 });
      }
    },
  );

  it.runIf(locateRipgrep() !== null)(
    'with ripgrep: secrets that run past their line (an XML value, a key pair, a private key) as reading every byte finds them',
    async () => {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const pem = privateKey.export({ type: 'sec1', format: 'pem' }) as string;
      const keyId = fakeTokens.awsAccessKeyId();
      const secret = randomAlnum(40);
      put(
        path.join(rig.work, 'app.config'),
        `<settings>\n  <apiToken>\n\n    ${randomAlnum(32)}\n  </apiToken>\n</settings>\n`,
      );
      put(path.join(rig.work, 'keys.csv'), `User name,Access key ID,Secret access key\nci,${keyId},\n${secret}\n`);
      put(path.join(rig.work, 'id.pem'), `${filler(3)}\n${pem}`);
      const found: unknown[] = [];
      for (const engine of ['ripgrep', 'node']) {
        vi.stubEnv('LAPSE_SCAN_ENGINE', engine);
        const result = await scan(rig.api, { paths: [rig.work] });
        expect(result.engine).toBe(engine);
        found.push(result.findings.map((f) => [path.basename(f.file), f.line, f.column, f.kind]));
      }
      expect(found[0]).toEqual(found[1]);
      expect((found[0] as unknown[]).length).toBe(4);
    },
  );

  it('reads a file far larger than its buffer: tokens at chunk edges and on the last line are all found', async () => {
    const tokens = Array.from({ length: 40 }, () => fakeTokens.githubClassic());
    const lines: string[] = [];
    for (const token of tokens) lines.push(filler(500), `GITHUB_TOKEN=${token}`);
    put(path.join(rig.work, 'big.log'), lines.join('\n'));
    const result = await scan(rig.api, { paths: [rig.work] });
    expect(fs.statSync(path.join(rig.work, 'big.log')).size).toBeGreaterThan(1_000_000);
    expect(result.findings.map((f) => f.line)).toEqual(tokens.map((_, i) => 501 * (i + 1)));
    expect(new Set(result.findings.map((f) => f.masked)).size).toBe(40);
  });

  it('reads a minified file with one enormous line: tokens anywhere in it are found, with their columns', async () => {
    const piece = 'function a(b,c){return b+c};'.repeat(40_000);
    const token = fakeTokens.openaiProject();
    const at = piece.length * 2;
    put(path.join(rig.work, 'bundle.min.js'), `${piece}${piece}var k="${token}";${piece}`);
    const [finding] = (await scan(rig.api, { paths: [rig.work] })).findings;
    expect(finding).toMatchObject({ line: 1, column: at + 'var k="'.length + 1, provider: 'openai' });
  });

  it('a private key across a chunk edge (256 KiB) is read whole, at its line', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const head = filler(6000);
    for (const shift of [0, 400, 900]) {
      const before = head.slice(0, head.lastIndexOf('\n', 262_144 - 1000 - shift));
      put(path.join(rig.work, `keys-${shift}.txt`), `${before}\n${pem}${filler(5)}\n`);
    }
    const result = await scan(rig.api, { paths: [rig.work] });
    expect(result.findings.map((f) => f.kind)).toEqual(Array(3).fill('RSA private key (PKCS#1)'));
    for (const finding of result.findings)
      expect(finding.line).toBe(
        head.slice(0, head.lastIndexOf('\n', 262_144 - 1000 - Number(/keys-(\d+)/.exec(finding.file)?.[1]))).split('\n')
          .length + 1,
      );
  });

  it('a file larger than the limit is skipped as too large', () => {
    const file = put(path.join(rig.work, 'huge.log'), `${filler(2000)}\nTOKEN=${fakeTokens.npm()}\n`);
    const scanner = new FileScanner(emptyDigest(), { maxFileBytes: 10_000, engine: 'node' });
    expect(scanner.scan(file, 'file')).toEqual({ path: file, skip: 'too-large' });
    expect(new FileScanner(emptyDigest(), { maxFileBytes: 1e9, engine: 'node' }).scan(file, 'file')).toMatchObject({
      hits: [{ provider: 'npm' }],
    });
  });

  it('one scan at a time: a second start while one runs is refused, naming the running scan', async () => {
    for (let i = 0; i < 50; i++) put(path.join(rig.work, `f${i}.txt`), `${filler(200)}\nkey ${randomAlnum(8)}\n`);
    const first = await rig.api.startScan({ paths: [rig.work] });
    const second = await rig.api.startScan({ paths: [rig.work] });
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (first.ok) {
      const cancelled = await rig.api.cancelScan({ scanId: first.value.scanId });
      expect(cancelled.ok && ['cancelled', 'done']).toContain(cancelled.ok && cancelled.value.state);
    }
  });
});
