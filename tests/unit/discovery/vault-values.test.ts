import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateToken } from '../../../shared/lifecycle.js';
import { fakeTokens, randomAlnum } from '../../helpers/fake-tokens.js';
import { put, scan, scanRig, value, type ScanRig } from './scan-rig.js';

let rig: ScanRig;
beforeEach(() => (rig = scanRig()));
afterEach(() => rig.remove());

/** A key no pattern knows: no prefix, and not under a key that names a secret. */
const ownKey = () => `${randomAlnum(10)}.${randomAlnum(22)}`;

describe('your own secrets, in any format', () => {
  it('the exact value of a generic vault secret is found in a plaintext file, by hash, and named by its token', async () => {
    const secret = ownKey();
    const token = value(await rig.api.addToken({ label: 'billing API', secret }));
    const file = put(path.join(rig.work, 'notes/ops.txt'), `line one\nrotate later: ${secret}, then tell Sam\n`);
    const result = await scan(rig.api, { paths: [rig.work] });
    expect(result.findings).toEqual([
      expect.objectContaining({
        file,
        line: 2,
        column: 15,
        provider: 'generic',
        tokenId: token.id,
        masked: token.masked,
        fingerprint: token.fingerprint,
      }),
    ]);
  });

  it('finds it after `=`, inside quotes and in a URL too', async () => {
    const secret = ownKey();
    const token = value(await rig.api.addToken({ label: 'billing API', secret }));
    put(path.join(rig.work, 'a.cfg'), `billing=${secret}\nx = "${secret}"\nhttps://h.example/?k=${secret}&z=1\n`);
    const result = await scan(rig.api, { paths: [rig.work] });
    expect(result.findings.map((f) => [f.line, f.tokenId])).toEqual([
      [1, token.id],
      [2, token.id],
      [3, token.id],
    ]);
  });

  it('a match marks the token exposed: critical, rotate, naming the file and line', async () => {
    const secret = ownKey();
    const token = value(await rig.api.addToken({ label: 'billing API', secret }));
    const file = put(path.join(rig.work, 'ops.txt'), `\n\n${secret}\n`);
    await scan(rig.api, { paths: [rig.work] });
    const shown = value(await rig.api.getToken({ id: token.id }));
    expect(shown.status).toBe('exposed');
    expect(shown.findings[0]).toMatchObject({ code: 'exposed', severity: 'critical', action: 'rotate' });
    expect(shown.findings[0]?.message).toContain(`${file}:3`);
    expect(shown.exposures).toEqual([{ file, line: 3, foundAt: new Date(rig.now.at).toISOString() }]);
  });

  it('a token of a known format already in the vault is reported as in the vault, not as new', async () => {
    const secret = fakeTokens.githubClassic();
    const token = value(await rig.api.addToken({ label: 'CI', secret }));
    put(path.join(rig.work, '.env'), `GITHUB_TOKEN=${secret}\nOTHER=${fakeTokens.githubClassic()}\n`);
    const result = await scan(rig.api, { paths: [rig.work] });
    expect(result.findings.map((f) => f.tokenId)).toEqual([token.id, null]);
  });

  it('a value only similar to a vault secret (one character off, or a piece of it) is not taken for it', async () => {
    const secret = ownKey();
    value(await rig.api.addToken({ label: 'billing API', secret }));
    const off = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    put(path.join(rig.work, 'ops.txt'), `${off}\n${secret.slice(1)}\n${secret}X\n`);
    expect((await scan(rig.api, { paths: [rig.work] })).findings).toEqual([]);
  });

  it('without a usable keychain the scan still runs, says so, and still names known-format tokens by fingerprint', async () => {
    const known = fakeTokens.npm();
    const generic = ownKey();
    const npmToken = value(await rig.api.addToken({ label: 'npm', secret: known }));
    value(await rig.api.addToken({ label: 'billing', secret: generic }));
    put(path.join(rig.work, '.npmrc'), `//registry.npmjs.org/:_authToken=${known}\nbilling ${generic}\n`);
    rig.keychain.mode = 'locked';
    const result = await scan(rig.api, { paths: [rig.work] });
    expect(result.warnings.join(' ')).toMatch(/own values were not looked for/);
    expect(result.findings.map((f) => f.tokenId)).toEqual([npmToken.id]);
  });

  it('revoked tokens are not looked for', async () => {
    const secret = ownKey();
    const token = value(await rig.api.addToken({ label: 'old', secret }));
    await rig.store.update((vault) => {
      const record = vault.tokens[token.id];
      if (record) record.revokedAt = new Date(rig.now.at).toISOString();
    });
    put(path.join(rig.work, 'ops.txt'), `${secret}\n`);
    expect((await scan(rig.api, { paths: [rig.work] })).findings).toEqual([]);
  });
});

describe('what exposure means over time', () => {
  it('a rotation after the copy was found ends the exposure: the copy held the old value', async () => {
    const secret = ownKey();
    const token = value(await rig.api.addToken({ label: 'billing API', secret }));
    put(path.join(rig.work, 'ops.txt'), `${secret}\n`);
    await scan(rig.api, { paths: [rig.work] });
    const record = (await rig.store.read()).tokens[token.id];
    if (!record) throw new Error('record missing');
    expect(evaluateToken(record, rig.now.at).status).toBe('exposed');
    const rotated = { ...record, lastRotatedAt: new Date(rig.now.at + 60_000).toISOString() };
    expect(evaluateToken(rotated, rig.now.at + 120_000).findings.map((f) => f.code)).not.toContain('exposed');
  });

  it('a copy found again is one exposure with the new date, and several copies are all counted', async () => {
    const secret = ownKey();
    const token = value(await rig.api.addToken({ label: 'billing API', secret }));
    put(path.join(rig.work, 'a.txt'), `${secret}\n`);
    put(path.join(rig.work, 'b.txt'), `x\n${secret}\n`);
    await scan(rig.api, { paths: [rig.work] });
    rig.now.at += 86_400_000;
    await scan(rig.api, { paths: [rig.work] });
    const shown = value(await rig.api.getToken({ id: token.id }));
    expect(shown.exposures?.map((e) => [path.basename(e.file), e.line, e.foundAt])).toEqual([
      ['a.txt', 1, new Date(rig.now.at).toISOString()],
      ['b.txt', 2, new Date(rig.now.at).toISOString()],
    ]);
    expect(shown.findings[0]?.message).toMatch(/and 1 more place/);
  });

  it('files in the scan folder are untouched by a scan', async () => {
    const secret = ownKey();
    value(await rig.api.addToken({ label: 'billing API', secret }));
    const file = put(path.join(rig.work, 'ops.txt'), `${secret}\n`);
    const before = fs.statSync(file).mtimeMs;
    await scan(rig.api, { paths: [rig.work] });
    expect(fs.readFileSync(file, 'utf8')).toBe(`${secret}\n`);
    expect(fs.statSync(file).mtimeMs).toBe(before);
  });
});

describe('saved scans', () => {
  it('are listed newest first, with how many findings were already in the vault', async () => {
    const secret = ownKey();
    value(await rig.api.addToken({ label: 'billing API', secret }));
    put(path.join(rig.work, 'ops.txt'), `${secret}\nGITHUB_TOKEN=${fakeTokens.githubClassic()}\n`);
    const first = await scan(rig.api, { paths: [rig.work] });
    rig.now.at += 1000;
    const second = await scan(rig.api, { paths: [rig.work], knownLocations: true });
    const { running, scans } = value(await rig.api.listScans({}));
    expect(running).toBeNull();
    expect(scans.map((s) => [s.scanId, s.findings, s.inVault, s.knownLocations])).toEqual([
      [second.scanId, 2, 1, true],
      [first.scanId, 2, 1, false],
    ]);
    expect(value(await rig.api.getScan({ scanId: first.scanId })).result?.findings).toEqual(first.findings);
  });
});
