import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectReport } from '../../../electron/report/collect-report.js';
import { renderJson } from '../../../electron/report/render-json.js';
import { identityOf } from '../../../electron/report/team-identity.js';
import { readReports } from '../../../electron/report/team-read.js';
import type { TeamView } from '../../../shared/report/team-model.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { lapseIn } from '../report/report-cli-io.js';
import { reportNow, sampleRecords, vaultOf } from '../report/sample-vault.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));
const now = new Date(reportNow + 86_400_000).toISOString();

/** A folder of reports: two good machines, and one file of each kind of trouble. */
function troubledFolder() {
  const dir = makeTempDir('lapse-team-read');
  dirs.push(dir);
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  const good = (machine: string) =>
    renderJson(collectReport(vaultOf(sampleRecords()), reportNow, {}, { machine, person: 'Ana' }));
  const edited = JSON.parse(good('edited-box')) as { tokens: { status: string; findings: unknown[] }[] };
  for (const t of edited.tokens) {
    t.status = 'healthy';
    t.findings = [];
  }
  const v1 = JSON.parse(good('old-box')) as Record<string, unknown>;
  delete v1['person'];
  delete v1['integrity'];
  v1['reportVersion'] = 1;
  const invalid = JSON.parse(good('bad-box')) as { tokens: { fingerprint: string }[] };
  (invalid.tokens[0] as { fingerprint: string }).fingerprint = 'not-hex-FAKEsecretish';
  const files = {
    good: write('ana/2026-05-01.json', good('ana-laptop')),
    other: write('bob/2026-05-01.json', good('bob-desktop')),
    edited: write('edited.json', JSON.stringify(edited, null, 2)),
    v1: write('old/report.json', JSON.stringify(v1, null, 2)),
    truncated: write('cut.json', good('cut-box').slice(0, 500)),
    notReport: write('package.json', '{"name":"not-a-report","version":"1.0.0"}'),
    future: write(
      'future.json',
      JSON.stringify({ reportVersion: 3, generatedAt: '2027-01-01T00:00:00Z', machine: 'x', tokens: [] }),
    ),
    invalid: write('invalid.json', JSON.stringify(invalid)),
    ignored: write('notes.txt', 'not json at all'),
    hidden: write('.git/config.json', '{}'),
  };
  return { dir, files };
}

describe('reading reports for the team view', () => {
  it('reads every good report and names each bad file with its reason, never its content', () => {
    const { dir, files } = troubledFolder();
    const { reports, problems } = readReports([dir]);
    expect(reports.map((r) => path.basename(path.dirname(r.file)) + '/' + path.basename(r.file)).sort()).toEqual(
      ['ana/2026-05-01.json', 'bob/2026-05-01.json', `${path.basename(dir)}/edited.json`, 'old/report.json'].sort(),
    );
    expect(Object.fromEntries(reports.map((r) => [r.file, r.integrity]))).toEqual({
      [files.good]: 'intact',
      [files.other]: 'intact',
      [files.edited]: 'edited',
      [files.v1]: 'absent',
    });
    const why = Object.fromEntries(problems.map((p) => [p.file, p]));
    expect(why[files.truncated]).toMatchObject({ reason: 'not-json' });
    expect(why[files.truncated]?.message).toMatch(
      /cut\.json: not valid JSON( \(at position \d+[^)]*\))?; was it cut short while copying\?/,
    );
    expect(why[files.notReport]?.message).toContain('package.json: not a Lapse report (it has no reportVersion)');
    expect(why[files.future]).toMatchObject({ reason: 'too-new' });
    expect(why[files.future]?.message).toContain(
      'written by a newer Lapse (report version 3); this Lapse reads versions 1 and 2. Update Lapse to merge it.',
    );
    expect(why[files.invalid]).toMatchObject({ reason: 'invalid' });
    expect(why[files.invalid]?.message).toMatch(/not a valid version 2 report: tokens\.0\.fingerprint/);
    expect(JSON.stringify(problems)).not.toContain('FAKEsecretish');
    // .txt files in a folder and dot-folders are not looked at; named files are, whatever their name.
    expect(problems.map((p) => p.file)).not.toContain(files.ignored);
    expect(problems.map((p) => p.file)).not.toContain(files.hidden);
    expect(readReports([files.ignored]).problems[0]).toMatchObject({ reason: 'not-json' });
  });

  it('groups reports by their labels, else by their file path without dates', () => {
    expect(identityOf({ machine: 'ana-laptop', person: 'Ana' }, 'x.json')).toEqual({
      key: '["Ana","ana-laptop"]',
      name: 'ana-laptop (Ana)',
    });
    expect(identityOf({ machine: null, person: 'Ana' }, 'x.json').name).toBe('Ana');
    const a = identityOf({ machine: null, person: null }, path.join('reports', 'box', '2026-04-01.json'));
    const b = identityOf({ machine: null, person: null }, path.join('reports', 'box', '2026-05-01.json'));
    const c = identityOf(
      { machine: null, person: null },
      path.join('reports', 'lapse-report-2026-05-01T09-00-00Z.json'),
    );
    expect(a).toEqual(b);
    expect(a.name).toBe('reports/box');
    expect(c.name).toBe('reports/lapse-report');
  });
});

describe('lapse team with bad files among good ones', () => {
  it('merges the good ones, lists the bad with their reasons (stderr and the view), flags the edited one; --strict refuses with exit 2', async () => {
    const { dir, files } = troubledFolder();
    const run = await lapseIn(dir, ['team', dir, '--json'], now);
    expect(run.code).toBe(1);
    const v = JSON.parse(run.stdout) as TeamView;
    expect(v.totals).toMatchObject({ files: 4, machines: 4, problems: 4, edited: 1 });
    expect(run.stderr).toContain(`lapse team: not read: ${files.future}: written by a newer Lapse`);
    expect(run.stderr).toContain(`lapse team: edited: ${files.edited} does not match its integrity line`);
    const codes = v.check.failing.map((f) => `${f.code}:${path.basename(f.file)}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'report-edited:edited.json',
        'report-unreadable:cut.json',
        'report-unreadable:future.json',
      ]),
    );
    // A version 1 report is read, and said to have no integrity line (an info finding, below the threshold).
    expect(v.machines.find((m) => m.machine === 'old-box')).toMatchObject({ integrity: 'absent', person: null });
    expect(v.worst.length).toBeGreaterThan(0);
    const md = await lapseIn(dir, ['team', dir], now);
    expect(md.stdout).toContain('## Reports not read');
    expect(md.stdout).toContain('EDITED after it was written');

    const strict = await lapseIn(dir, ['team', dir, '--strict'], now);
    expect(strict).toMatchObject({ code: 2, stdout: '' });
    expect(strict.stderr).toContain('--strict: 4 reports not read and 1 edited (listed above); nothing was merged.');
    const strictClean = await lapseIn(dir, ['team', files.good, files.other, '--strict'], now);
    expect(strictClean.code).toBe(1);
  });
});

describe('text from another machine', () => {
  it('prints inert: no terminal escape sequence or Markdown from a report reaches the screen', async () => {
    const dir = makeTempDir('lapse-team-hostile');
    dirs.push(dir);
    const report = JSON.parse(
      renderJson(collectReport(vaultOf(sampleRecords()), reportNow, {}, { machine: 'box' })),
    ) as { machine: string; tokens: { label: string }[] };
    report.machine = 'box\u001b]0;pwned\u0007\u001b[2J';
    (report.tokens[0] as { label: string }).label = '**bold** \u202eevil';
    fs.writeFileSync(path.join(dir, 'r.json'), JSON.stringify(report));
    const run = await lapseIn(dir, ['team', dir], now);
    // eslint-disable-next-line no-control-regex -- the control characters are what must not get through
    expect(run.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    // Escaped for the terminal (\x1b as text), then for Markdown (its backslash and bracket escaped).
    expect(run.stdout).toContain('box\\\\x1b\\]0;pwned\\\\x07');
    expect(run.stdout).toContain('\\*\\*bold\\*\\*');
  });
});
