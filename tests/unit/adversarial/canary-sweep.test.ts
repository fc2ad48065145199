// The sweep that runs after the whole e2e run must find a secret in any form it could leak in,
// and must not cry wolf over what Lapse is allowed to show (the masked form, the public prefix).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweep } from '../../e2e/support/canary-sweep.js';
import { fakeTokens, randomAlnum } from '../../helpers/fake-tokens.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

let dir: string;
beforeEach(() => {
  dir = makeTempDir('lapse-sweep');
});
afterEach(() => removeTempDir(dir));

const planted = (name: string, text: string | Buffer) => {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
};

describe('the canary sweep', () => {
  const secret = `ghp_CANARY${randomAlnum(30)}`;
  const registry = () => [
    { kind: 'secret' as const, value: secret, publicPrefix: 'ghp_CANARY' },
    { kind: 'place' as const, path: dir, what: 'a test folder', remove: false },
  ];

  it.each([
    ['the value', () => `x ${secret} y`, 'plain'],
    ['a 12-character piece', () => `x ${secret.slice(14, 26)} y`, 'plain'],
    ['its base64', () => `x ${Buffer.from(secret).toString('base64')} y`, 'base64'],
    ['its hex', () => `x ${Buffer.from(secret).toString('hex')} y`, 'hex'],
  ])('finds %s, in a nested file', (_name, text, form) => {
    planted('deep/er/file.json', text());
    const report = sweep(registry());
    expect(report.leaks).toHaveLength(1);
    expect(report.leaks[0]).toMatchObject({ form, what: 'a test folder' });
    expect(report.leaks[0]?.secret).not.toContain(secret.slice(10, 20));
  });

  it("finds it in a binary file (a browser profile's database)", () => {
    planted('Default/History', Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from(secret), Buffer.from([0])]));
    expect(sweep(registry()).leaks).toHaveLength(1);
  });

  it('passes what Lapse may show: the masked form, the fingerprint, the public prefix, other tokens', () => {
    planted(
      'vault.json',
      JSON.stringify({
        masked: `ghp_…${secret.slice(-4)}`,
        fingerprint: 'deadbeef',
        note: 'ghp_CANARY tokens',
        other: fakeTokens.githubClassic(),
      }),
    );
    const report = sweep(registry());
    expect(report.leaks).toEqual([]);
    expect(report.files).toBe(1);
  });
});
