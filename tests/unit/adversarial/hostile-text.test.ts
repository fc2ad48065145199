import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeJwtWithClaims, fakeTokens, tracesIn } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { allFileText, makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { cliOver, terminalHazards, type CliRun } from './cli-rig.js';
import { startHostileProvider, type HostileProvider } from './hostile-provider.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';

announceKeychainSkip();

const esc = '\u001b';
const bel = '\u0007';
/** File names a planted repository could hold (the security review's N8 set). */
const hostileNames = [
  `${esc}[2J${esc}[Hexposed.env`,
  `${esc}]52;c;ZWNobyBwd25lZAo=${bel}osc52.env`,
  'cr\rcarriage.env',
  'line\nbreak.env',
  'rtl\u202etxt.env',
  'zero\u200bwidth\u2028sep.env',
];
/** Provider words a hostile server sends: an OSC 8 link, colours, erase-line + CR, an RLO. */
const hostileWords = `${esc}]8;;https://evil.example/${esc}\\CLICK-ME${esc}]8;;${esc}\\ ${esc}[31mRED${esc}[0m ${esc}[2K\rFAKE-LINE \u202eRTL \u009b31m`;

const vault = ownVaultEachTest('lapse-hostile-home');
const lapse = cliOver(vault);
let work: string;
const providers: HostileProvider[] = [];

beforeEach(() => {
  work = makeTempDir('lapse-hostile-files');
});

afterEach(() => {
  removeTempDir(work);
});

afterAll(async () => {
  for (const p of providers) await p.close();
});

/** Asserts no output byte a terminal acts on, naming the command (CSV's CRLF line ends, RFC 4180, are line ends). */
function expectClean(what: string, run: CliRun): void {
  expect(terminalHazards(run.stdout.replace(/\r\n/g, '\n')), `${what}: stdout`).toEqual([]);
  expect(terminalHazards(run.stderr), `${what}: stderr`).toEqual([]);
}

describe.skipIf(!inKeychainSession)('hostile text never reaches the terminal raw', () => {
  it('planted file names: scan, import and its advice, list, show, log and the Markdown report print them escaped, one row each', async () => {
    // A vault token whose value also sits in a planted file: show and log then name that file.
    const held = fakeTokens.npm();
    const added = await lapse(['add', '--label', 'held token'], `${held}\n`);
    expect(added.code, added.stderr).toBe(0);
    const heldId = added.stdout.trim();
    fs.writeFileSync(path.join(work, hostileNames[0]!), `NPM_TOKEN=${held}\n`);
    for (const name of hostileNames.slice(1))
      fs.writeFileSync(path.join(work, name), `TOKEN=${fakeTokens.githubClassic()}\n`);
    const deep = path.join(work, `${esc}[31mREDDIR${esc}[0m-${'d'.repeat(100)}`);
    fs.mkdirSync(deep);
    fs.writeFileSync(path.join(deep, 'plain.env'), `TOKEN=${fakeTokens.gitlabLegacy()}\n`);

    const scan = await lapse(['scan', work]);
    // Exit 1: plaintext secrets were found (every planted file, the line-feed one included).
    expect(scan.code, scan.stderr).toBe(1);
    expect(scan.stderr).not.toContain('skipped');
    expectClean('scan', scan);
    // Header, one row per finding, blank line, the import hint: no name split a row or wiped the ones before it.
    const rows = scan.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(1 + hostileNames.length + 1 + 2);
    expect(scan.stdout).toContain('\\x1b[2J\\x1b[Hexposed.env');
    expect(scan.stdout).toContain('line\\x0abreak.env');
    expect(scan.stdout).toContain('rtl\\u{202e}txt.env');
    const scanId = /--scan-id (\S+)/.exec(scan.stdout)?.[1] ?? '';

    const imported = await lapse(['import', '--scan-id', scanId, '--all']);
    expectClean('import', imported);
    // Every planted file's token is imported (its label built from the escaped name), none refused.
    expect(imported.stdout.match(/ imported /g)).toHaveLength(hostileNames.length);
    expect(imported.code, imported.stdout).toBe(0);

    for (const args of [
      ['list'],
      ['show', heldId],
      ['log'],
      ['log', heldId],
      ['report', '--format', 'md'],
      ['list', '--json'],
      ['log', '--json'],
    ]) {
      const run = await lapse(args);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      expectClean(args.join(' '), run);
    }
    expect((await lapse(['show', heldId])).stdout).toContain('\\x1b[2J\\x1b[Hexposed.env');
    // Stored paths follow the one-line rule too: the vault file holds only the escaped form.
    expect(fs.readFileSync(path.join(vault.home, 'vault.json'), 'utf8')).not.toContain(esc);
  });

  it('a hostile provider: its words are stored and shown escaped, and a piece of the token it echoes is masked everywhere', async () => {
    const secret = fakeTokens.githubClassic();
    const echoed = secret.slice(4, 24);
    const provider = await startHostileProvider(() => ({
      status: 401,
      body: {
        message: `Bad credentials for ${echoed}: ${hostileWords}`,
        documentation_url: 'https://docs.github.com/rest',
      },
    }));
    providers.push(provider);
    const added = await lapse(
      ['add', '--label', 'enterprise token', '--tag', 'leaver', '--base-url', provider.url],
      `${secret}\n`,
    );
    expect(added.code, added.stderr).toBe(0);
    const id = added.stdout.trim();

    const runs: [string, CliRun][] = [];
    for (const args of [
      ['verify', id],
      ['verify', '--all'],
      ['verify', id, '--json'],
      ['show', id],
      ['log'],
      ['check'],
      ['report', '--format', 'md'],
      ['report', '--format', 'csv'],
      ['report', '--format', 'html'],
      ['report', '--format', 'json'],
      ['revoke', id],
      ['offboard', '--tag', 'leaver', '--yes', '--receipt', path.join(work, 'receipt.md')],
    ]) {
      runs.push([args.join(' '), await lapse(args)]);
    }
    for (const [what, run] of runs) {
      expectClean(what, run);
      expect(tracesIn(run.stdout + run.stderr, secret), `${what} holds a piece of the token`).toEqual([]);
      expect(run.stdout + run.stderr, what).not.toContain(echoed);
    }
    expect(runs[0]![1].stdout).toContain('\\x1b[31mRED');
    for (const { file, text } of allFileText(vault.home).concat(allFileText(work))) {
      expect(tracesIn(text, secret), `${file} holds a piece of the token`).toEqual([]);
      // JSON indentation (tabs) and line ends are structure; nothing else a terminal acts on may be stored.
      expect(terminalHazards(text.replace(/[\t\r\n]/g, '')), file).toEqual([]);
    }
  });

  it('a hostile account name from the provider is stored and shown escaped', async () => {
    const provider = await startHostileProvider(() => ({
      status: 200,
      body: { login: `octo${esc}[8m\u200ecat\u2028root`, id: 1 },
    }));
    providers.push(provider);
    const added = await lapse(
      ['add', '--label', 'account check', '--base-url', provider.url],
      `${fakeTokens.githubClassic()}\n`,
    );
    const id = added.stdout.trim();
    const verified = await lapse(['verify', id]);
    expect(verified.code, verified.stderr).toBe(0);
    for (const args of [['show', id], ['list'], ['report', '--format', 'md']])
      expectClean(args.join(' '), await lapse(args));
    expect((await lapse(['show', id])).stdout).toContain('octo\\x1b[8m\\u{200e}cat root');
  });

  it("lapse inspect prints a forged JWT's claims escaped", async () => {
    const jwt = await fakeJwtWithClaims(
      { alg: `none${esc}[31m` },
      {
        iss: `${esc}]8;;https://evil.example${bel}Click${esc}]8;;${bel}`,
        sub: `${esc}[2J${esc}[Hroot`,
        aud: 'a\rb',
        azp: 'x\u202ey\u009b31m',
        scope: `read ${esc}[31mwrite`,
      },
    );
    const inspected = await lapse(['inspect'], `${jwt}\n`);
    expect(inspected.code, inspected.stderr).toBe(0);
    expectClean('inspect', inspected);
    expect(inspected.stdout).toContain('\\x1b[2J\\x1b[Hroot');
    expect(inspected.stdout).toContain('a\\x0db');
    const asJson = await lapse(['inspect', '--json'], `${jwt}\n`);
    expectClean('inspect --json', asJson);
    expect((JSON.parse(asJson.stdout) as { jwt: { claims: { sub: string } } }).jwt.claims.sub).toBe(
      `${esc}[2J${esc}[Hroot`,
    );
  });
});
