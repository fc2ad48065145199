// Careless and hostile input at the CLI: impossible dates, zone-less times, huge stdin, invisible
// characters in labels, and the offboard receipt's escaping and mode.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maxStdinBytes } from '../../../electron/cli/read-secret.js';
import { instantRule, readInstant } from '../../../shared/calendar-instant.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession, keychainAttributes } from '../../helpers/keychain-session.js';
import { repoRoot } from '../../helpers/processes.js';
import { modeOf } from '../../helpers/temp-home.js';
import { cliOver } from './cli-rig.js';
import { startHostileProvider, type HostileProvider } from './hostile-provider.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';

announceKeychainSkip();

const vault = ownVaultEachTest('lapse-input');
const lapse = cliOver(vault);
const providers: HostileProvider[] = [];

afterAll(async () => {
  for (const p of providers) await p.close();
});

describe('dates typed on the command line', () => {
  it.each([
    '2026-02-30',
    '2026-02-29',
    '2026-13-01',
    '2026-04-31',
    '2026-00-10',
    '2026-06-00',
    '2027-06-01T25:00:00Z',
    '2027-06-01T10:60:00Z',
    '2027-06-01T10:00:61Z',
    '2027-06-01T10:00:00+24:00',
  ])('%s is not a real date or time', (text) => {
    expect(readInstant(text)).toEqual({ ok: false, problem: 'impossible' });
  });

  it.each(['2027-06-01T10:00:00', '2027-06-01T10:00'])(
    "%s has no zone: refused, whatever the machine's zone",
    (text) => {
      expect(readInstant(text)).toEqual({ ok: false, problem: 'no-zone' });
    },
  );

  it.each([
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2026-12-01', '2026-12-01T00:00:00.000Z'],
    ['2027-06-01T10:00:00Z', '2027-06-01T10:00:00.000Z'],
    ['2027-06-01T10:00:00+02:00', '2027-06-01T08:00:00.000Z'],
    ['2027-06-01T10:00:00.250-0530', '2027-06-01T15:30:00.250Z'],
    ['2000-02-29', '2000-02-29T00:00:00.000Z'],
  ])('%s reads as %s', (text, iso) => {
    const read = readInstant(text);
    expect(read.ok && new Date(read.ms).toISOString()).toBe(iso);
  });

  it('1900-02-29 is not a date (a century is a leap year only every 400 years)', () => {
    expect(readInstant('1900-02-29')).toEqual({ ok: false, problem: 'impossible' });
  });

  it.skipIf(!inKeychainSession)(
    'lapse add --expires 2026-02-30 is refused (exit 2), nothing stored; --help states the zone rule',
    async () => {
      const bad = await lapse(['add', '--label', 'feb', '--expires', '2026-02-30'], `${fakeTokens.npm()}\n`);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/not a real date/);
      const zoneless = await lapse(
        ['add', '--label', 'tz', '--expires', '2027-06-01T10:00:00'],
        `${fakeTokens.npm()}\n`,
      );
      expect(zoneless.code).toBe(2);
      expect(zoneless.stderr).toMatch(/no time zone/);
      expect((await keychainAttributes(vault.service)).usernames).toEqual([]);
      expect((await lapse(['list', '--now', '2026-02-30'])).code).toBe(2);
      const help = await lapse(['add', '--help']);
      expect(help.stdout).toMatch(/00:00 UTC/);
      expect(help.stdout).toMatch(/without a zone is refused/);
      expect(instantRule).toMatch(/without a zone is refused/);
    },
  );
});

describe('a secret on stdin', () => {
  it(`is refused past ${maxStdinBytes / 1024} KiB with no line break, quickly, reading no further however much is piped`, async () => {
    // 300 MB of one line into the real binary: before the cap this never finished.
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'lapse.js'), 'inspect'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdin.on('error', () => undefined);
    const block = Buffer.alloc(1024 * 1024, 'C');
    let sent = 0;
    const pump = () => {
      while (sent < 300 && child.stdin.write(block)) sent++;
      if (sent < 300) child.stdin.once('drain', pump);
      else child.stdin.end();
    };
    const started = Date.now();
    pump();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(code).toBe(2);
    expect(stderr).toMatch(/longer than 64 KiB/);
    expect(sent).toBeLessThan(300);
    expect(stderr).not.toMatch(/CCCCCCCC/);
  });

  it('a first line under the cap is read whole, even split across many chunks and multi-byte characters', async () => {
    const run = await lapse(['inspect', '--json'], `${fakeTokens.githubClassic()}\nsecond line\n`);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ provider: 'github' });
  });
});

describe('labels with invisible characters', () => {
  it.skipIf(!inKeychainSession).each([
    ['left-to-right mark', 'deploy\u200e key'],
    ['right-to-left mark', 'deploy\u200f key'],
    ['Arabic letter mark', 'deploy\u061c key'],
    ['zero-width space', 'deploy\u200b key'],
    ['zero-width joiner', 'deploy\u200d key'],
    ['line separator', 'deploy\u2028key'],
    ['paragraph separator', 'deploy\u2029key'],
    ['byte-order mark (inside)', 'deploy\ufeffkey'],
  ])('a label with a %s is refused (exit 2), nothing stored', async (_name, label) => {
    const added = await lapse(['add', '--label', label], `${fakeTokens.npm()}\n`);
    expect(added.code).toBe(2);
    expect(added.stderr).toMatch(
      /label: must be one line of plain text \(no control, invisible or text-direction characters\)/,
    );
    expect((await keychainAttributes(vault.service)).usernames).toEqual([]);
  });
});

describe.skipIf(!inKeychainSession)('the offboard receipt', () => {
  it('escapes Markdown and HTML in labels and provider words, and is 0600 even over an existing 0644 file', async () => {
    // A provider that accepts the revocation (202), then says the token is dead (401): revoked and confirmed.
    let revoked = false;
    const provider = await startHostileProvider(() => {
      if (!revoked) {
        revoked = true;
        return { status: 202, body: '' };
      }
      return {
        status: 401,
        body: {
          message: 'Bad credentials <img src=x onerror=alert(1)> ![i](http://evil.example/p.png)',
          documentation_url: 'https://docs.github.com/rest',
        },
      };
    });
    providers.push(provider);
    const labels = ['<img src=x onerror=alert(1)>', '![img](http://evil.example/x.png)'];
    for (const label of labels) {
      const added = await lapse(
        ['add', '--label', label, '--tag', 'leaver', '--base-url', provider.url],
        `${fakeTokens.githubClassic()}\n`,
      );
      expect(added.code, added.stderr).toBe(0);
    }
    const receipt = path.join(vault.home, 'receipt.md');
    fs.writeFileSync(receipt, 'old receipt\n', { mode: 0o644 });
    fs.chmodSync(receipt, 0o644);
    const json = path.join(vault.home, 'receipt.json');
    fs.writeFileSync(json, '{}\n', { mode: 0o644 });
    fs.chmodSync(json, 0o644);
    const off = await lapse(['offboard', '--tag', 'leaver', '--yes', '--receipt', receipt]);
    expect(off.stderr).toMatch(/\[2\/2\]/);
    const text = fs.readFileSync(receipt, 'utf8');
    expect(text).not.toMatch(/<img/);
    expect(text).not.toMatch(/!\[img\]\(/);
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).toContain('!\\[img\\](http://evil.example/x.png)');
    expect(modeOf(receipt)).toBe(0o600);
    await lapse(['offboard', '--tag', 'leaver', '--yes', '--receipt', json]);
    expect(modeOf(json)).toBe(0o600);
  });
});
