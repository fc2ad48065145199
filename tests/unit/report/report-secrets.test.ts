import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFormats, type LapseApi } from '../../../shared/api.js';
import type { Result } from '../../../shared/result.js';
import { createLapseService } from '../../../electron/service.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { canarySecret, fakeJwt, fakeTokens, tracesIn } from '../../helpers/fake-tokens.js';
import { memoryKeychain } from '../../helpers/memory-keychain.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { lapseIn } from './report-cli-io.js';

const now = '2026-05-01T09:00:00.000Z';
const day = 86_400_000;
let home: string;
let service: LapseApi;
const secrets: string[] = [];
const added: { label: string; masked: string; fingerprint: string }[] = [];

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Every form of a secret a report must not hold: its traces, URL-encoded, base64url, and its full SHA-256. */
function leaks(text: string): string[] {
  return secrets.flatMap((secret) => {
    const forms = [
      encodeURIComponent(secret),
      Buffer.from(secret).toString('base64url'),
      createHash('sha256').update(secret).digest('hex'),
      createHash('sha256').update(secret).digest('base64'),
    ];
    return [...tracesIn(text, secret), ...forms.filter((f) => text.includes(f))];
  });
}

beforeAll(async () => {
  home = makeTempDir('lapse-report-canary');
  service = createLapseService({
    keychain: memoryKeychain(),
    store: openMetadataStore(home),
    now: () => Date.parse(now),
  });
  const nowSeconds = Math.floor(Date.parse(now) / 1000);
  const tokens = [
    { label: 'canary generic', secret: canarySecret(), expiresAt: new Date(Date.parse(now) + 5 * day).toISOString() },
    { label: 'canary GitHub', secret: fakeTokens.githubClassic(), scopes: ['repo'] },
    {
      label: 'canary JWT',
      secret: await fakeJwt({ iat: nowSeconds - 3600, exp: nowSeconds + 3600, scope: 'read write' }),
    },
    { label: 'canary <script>alert(1)</script>', secret: `${canarySecret()}/+=?&%` },
  ];
  for (const { secret, ...fields } of tokens) {
    secrets.push(secret);
    const view = value(await service.addToken({ secret, ...fields }));
    added.push({ label: view.label, masked: view.masked, fingerprint: view.fingerprint });
  }
});

afterAll(() => removeTempDir(home));

describe('a hygiene report never carries a secret', () => {
  it.each(reportFormats)(
    'the %s report names every token but holds no secret, encoded or hashed, and no masked value',
    async (format) => {
      const { content } = value(await service.getReport({ format }));
      expect(leaks(content)).toEqual([]);
      for (const token of added) {
        expect(content).toContain(token.fingerprint);
        expect(content).not.toContain(token.masked);
      }
      expect(content).toContain('canary generic');
    },
  );

  it('the report data the window gets, and the check result, hold no secret either', async () => {
    const data = JSON.stringify(value(await service.getReportData({})));
    const check = JSON.stringify(value(await service.checkPolicy({})));
    expect(leaks(data)).toEqual([]);
    expect(leaks(check)).toEqual([]);
    expect(data).toContain('canary JWT');
    expect(check).toContain('canary GitHub');
  });

  it('lapse report and lapse check print no secret in any format', async () => {
    const runs = await Promise.all([
      ...reportFormats.map((format) => lapseIn(home, ['report', '--format', format], now)),
      lapseIn(home, ['check'], now),
      lapseIn(home, ['check', '--json'], now),
    ]);
    for (const run of runs) {
      expect(run.stdout.length).toBeGreaterThan(100);
      expect(leaks(run.stdout + run.stderr)).toEqual([]);
    }
  });

  it('a label written as HTML is shown as text in the HTML report, never run', async () => {
    const { content } = value(await service.getReport({ format: 'html' }));
    expect(content).not.toMatch(/<script/i);
    expect(content).toContain('canary &lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
