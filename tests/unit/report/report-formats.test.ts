import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectReport } from '../../../electron/report/collect-report.js';
import { csvCell, renderCsv } from '../../../electron/report/render-csv.js';
import { renderHtml } from '../../../electron/report/render-html.js';
import { markdownText, renderMarkdown } from '../../../electron/report/render-markdown.js';
import { reportFile } from '../../../electron/report/report-formats.js';
import type { HygieneReport } from '../../../shared/report/report-model.js';
import { modeOf, removeTempDir } from '../../helpers/temp-home.js';
import { lapseIn } from './report-cli-io.js';
import { homeWith, reportNow, sampleRecords, vaultOf } from './sample-vault.js';

const now = new Date(reportNow).toISOString();
const homes: string[] = [];
afterEach(() => homes.splice(0).forEach(removeTempDir));
const sampleReport = () => collectReport(vaultOf(sampleRecords()), reportNow, {}, { machine: 'build-host' });

describe('what the report says', () => {
  it('summarises by status and provider, names the oldest token and those without expiry', () => {
    const { summary, tokens } = sampleReport();
    expect(summary.tokenCount).toBe(10);
    expect(summary.byStatus).toMatchObject({
      expired: 1,
      'out-of-scope': 1,
      'no-expiry': 2,
      expiring: 2,
      healthy: 2,
      revoked: 1,
      exposed: 0,
    });
    expect(summary.byProvider).toMatchObject({ github: 1, npm: 1, slack: 1 });
    // The revoked AWS key is older, but history: the oldest standing token is the Slack bot.
    expect(summary.oldestToken).toMatchObject({ label: 'Slack alerts bot', ageDays: 400 });
    expect(summary.withoutExpiry.map((t) => t.label).sort()).toEqual(['OpenAI experiments', 'Slack alerts bot']);
    expect(summary.check).toEqual({ threshold: 'warning', passed: false, failingTokenCount: 7 });
    expect(tokens[0]).toMatchObject({
      label: 'npm publish',
      status: 'expired',
      severity: 'critical',
      daysUntilExpiry: -3,
      ageDays: 93,
    });
  });

  it('the HTML timeline says days as every other face does ("in 9 days", not a rounded "in 10 d")', () => {
    const html = renderHtml(sampleReport());
    expect(html).not.toMatch(/in \d+ d\b|\d+ d ago/);
    expect(html).toMatch(/in \d+ days|expired|\d+ days ago/);
  });

  it('shows granted against declared scopes, with the excess', () => {
    const ci = sampleReport().tokens.find((t) => t.label.startsWith('CI deploy'));
    expect(ci?.scopes).toEqual({
      declared: ['repo'],
      granted: ['repo', 'admin:org', 'workflow'],
      excess: ['admin:org', 'workflow'],
    });
    expect(ci?.findings[0]?.message).toContain('admin:org, workflow are more than it needs');
  });

  it('judges by a policy given for the report, over the vault policy', () => {
    const lenient = collectReport(vaultOf(sampleRecords(), { warningDays: 30 }), reportNow, {
      requireExpiry: false,
      threshold: 'critical',
    });
    expect(lenient.policy).toMatchObject({ warningDays: 30, requireExpiry: false, threshold: 'critical' });
    expect(lenient.summary.byStatus['no-expiry']).toBe(0);
    expect(lenient.tokens.find((t) => t.label.startsWith('Status page'))?.status).toBe('expiring');
  });

  it('Markdown keeps user text inert: no table breaks, no raw HTML', () => {
    expect(markdownText('a | b <script> *x* [l](u) `c`')).toBe('a \\| b &lt;script&gt; \\*x\\* \\[l\\](u) \\`c\\`');
    const md = renderMarkdown(sampleReport());
    expect(md).not.toContain('<script>');
    expect(md).toContain('**Policy check failed: 7 tokens have a finding at warning or worse.**');
    const tableRow = md.split('\n').find((l) => l.startsWith('| Status page'));
    expect(tableRow?.split(/(?<!\\)\|/)).toHaveLength(11);
  });

  it('CSV has one row per token, quotes what needs quoting, and defuses spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-5')).toBe(`"'-5"`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
    const csv = renderCsv(sampleReport());
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[0]).toMatch(/^id,label,provider,kind,account,purpose,/);
    expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
    // Findings span lines inside one quoted cell: count records, not lines.
    expect(csv.match(/\r\n(?=[0-9a-f]{8}-)/g)).toHaveLength(10);
  });

  it('names the file by machine and day, with the right media type', () => {
    const report: HygieneReport = { ...sampleReport(), machine: 'dev box/7' };
    expect(reportFile(report, 'html')).toMatchObject({
      filename: 'lapse-report-dev-box-7-2026-05-01.html',
      mediaType: 'text/html; charset=utf-8',
    });
    expect(reportFile({ ...report, machine: null }, 'csv').filename).toBe('lapse-report-2026-05-01.csv');
  });
});

describe('lapse report', () => {
  const home = () => {
    const h = homeWith(vaultOf(sampleRecords()));
    homes.push(h);
    return h;
  };

  it('prints Markdown by default, and --json is the JSON format', async () => {
    const h = home();
    const md = await lapseIn(h, ['report'], now);
    expect(md).toMatchObject({ code: 0, stderr: '' });
    expect(md.stdout).toMatch(/^# Token hygiene report\n/);
    const json = await lapseIn(h, ['report', '--json'], now);
    expect(JSON.parse(json.stdout)).toMatchObject({
      reportVersion: 2,
      generatedAt: now,
      machine: null,
      person: null,
      summary: { tokenCount: 10 },
    });
  });

  it('--out writes the file readable by its owner only and prints its path on stderr', async () => {
    const h = home();
    const out = path.join(h, 'hygiene.html');
    fs.writeFileSync(out, 'old', { mode: 0o644 });
    const result = await lapseIn(h, ['report', '--format', 'html', '--out', out], now);
    expect(result).toEqual({ code: 0, stdout: '', stderr: `${out}\n` });
    expect(modeOf(out)).toBe(0o600);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('--schema prints the published schema without opening the vault', async () => {
    const result = await lapseIn(path.join(home(), 'not-created'), ['report', '--schema'], now);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      fs.readFileSync(new URL('../../../shared/report/report.schema.json', import.meta.url), 'utf8'),
    );
  });

  it('refuses an unknown format or an unwritable --out with exit 2', async () => {
    const h = home();
    const pdf = await lapseIn(h, ['report', '--format', 'pdf'], now);
    expect(pdf).toMatchObject({ code: 2, stdout: '' });
    expect(pdf.stderr).toContain('--format takes md, json, html, csv.');
    const nowhere = await lapseIn(h, ['report', '--out', path.join(h, 'no/such/dir/r.md')], now);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/Could not write .*r\.md \(ENOENT\)/);
  });
});
