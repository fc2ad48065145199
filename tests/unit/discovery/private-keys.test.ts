import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { put, scan, scanRig, value, type ScanRig } from './scan-rig.js';

let rig: ScanRig;
beforeEach(() => (rig = scanRig()));
afterEach(() => rig.remove());

const rsaPem = () =>
  generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const encryptedPem = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase: 'FAKE-passphrase',
  }) as string;

describe('private keys', () => {
  it('an unencrypted key outside ~/.ssh is reported with its type; one in ~/.ssh is where it belongs', async () => {
    put(path.join(rig.work, 'deploy/server.pem'), rsaPem());
    put(path.join(rig.work, 'deploy/protected.pem'), encryptedPem());
    put(path.join(rig.home, '.ssh/id_rsa'), rsaPem());
    const result = await scan(rig.api, { paths: [rig.work, path.join(rig.home, '.ssh')] });
    expect(result.findings.map((f) => [path.relative(rig.work, f.file), f.kind, f.privateKey])).toEqual([
      ['deploy/server.pem', 'RSA private key (PKCS#1)', { type: 'rsa', encrypted: false }],
    ]);
    expect(result.findings[0]?.masked).toMatch(/^RSA key…/);
  });

  it('in a git repository every key is reported, passphrase or not (anyone with a clone has it)', async () => {
    fs.mkdirSync(path.join(rig.work, 'repo/.git'), { recursive: true });
    put(path.join(rig.work, 'repo/ci/key.pem'), encryptedPem());
    const result = await scan(rig.api, { paths: [path.join(rig.work, 'repo/ci')] });
    expect(result.findings.map((f) => [f.kind, f.privateKey])).toEqual([
      ['Private key (PKCS#8, passphrase-protected)', { type: 'unknown', encrypted: true }],
    ]);
  });

  it('is never imported: not by --all, and a chosen one is refused with what to do instead', async () => {
    const token = fakeTokens.githubClassic();
    put(path.join(rig.work, 'app/.env'), `GITHUB_TOKEN=${token}\n`);
    put(path.join(rig.work, 'app/key.pem'), rsaPem());
    const result = await scan(rig.api, { paths: [rig.work] });
    const all = value(await rig.api.importFindings({ scanId: result.scanId, all: true }));
    expect(all.results.map((r) => r.outcome)).toEqual(['imported']);
    const key = result.findings.find((f) => f.privateKey);
    const chosen = value(await rig.api.importFindings({ scanId: result.scanId, findings: [key?.n ?? 0] }));
    expect(chosen.results[0]).toMatchObject({ outcome: 'failed', tokenId: null });
    expect(chosen.results[0]?.message).toMatch(/private key, not an API token.*ssh-keygen -p/);
  });
});
