import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDir } from '../../helpers/temp-home.js';
import { lapseIn } from './report-cli-io.js';
import { homeWith, reportNow, sampleRecords, vaultOf } from './sample-vault.js';

const now = new Date(reportNow).toISOString();
const homes: string[] = [];
afterEach(() => homes.splice(0).forEach(removeTempDir));
const home = () => {
  const h = homeWith(vaultOf(sampleRecords()));
  homes.push(h);
  return h;
};
const jsonReport = async (h: string, args: string[] = []) =>
  JSON.parse((await lapseIn(h, ['report', '--json', ...args], now)).stdout) as Record<string, unknown>;

describe('the machine and person label of a report', () => {
  it('is absent by default: no host name and no user name unless the person gives them', async () => {
    const h = home();
    const report = await jsonReport(h);
    expect(report).toMatchObject({ machine: null, person: null });
    const text = (await lapseIn(h, ['report', '--format', 'md'], now)).stdout + JSON.stringify(report);
    expect(text).toContain('Machine not labelled');
    const host = os.hostname();
    const user = os.userInfo().username;
    if (host.length > 3) expect(text).not.toContain(host);
    if (user.length > 3) expect(text).not.toContain(`"${user}"`);
  });

  it('--machine and --person label one report; --save-label stores them for every later one; an empty name clears', async () => {
    const h = home();
    expect(await jsonReport(h, ['--machine', 'ana-laptop', '--person', 'Ana'])).toMatchObject({
      machine: 'ana-laptop',
      person: 'Ana',
    });
    expect(await jsonReport(h)).toMatchObject({ machine: null, person: null });
    const saved = await lapseIn(h, ['report', '--save-label', '--machine', 'ana-laptop', '--person', 'Ana'], now);
    expect(saved).toMatchObject({
      code: 0,
      stdout: 'Reports from this vault are labelled: machine "ana-laptop", person "Ana".\n',
    });
    expect(await jsonReport(h)).toMatchObject({ machine: 'ana-laptop', person: 'Ana' });
    expect(await jsonReport(h, ['--machine', 'ci-runner'])).toMatchObject({ machine: 'ci-runner', person: 'Ana' });
    await lapseIn(h, ['report', '--save-label', '--person', ''], now);
    expect(await jsonReport(h)).toMatchObject({ machine: 'ana-laptop', person: null });
    const md = await lapseIn(h, ['report'], now);
    expect(md.stdout).toContain('Machine ana-laptop · generated');
  });

  it('refuses a label that is not one short line, saying which option and why (exit 2)', async () => {
    const h = home();
    const controls = await lapseIn(h, ['report', '--machine', 'evil\u001b[2Jname'], now);
    expect(controls).toMatchObject({ code: 2, stdout: '' });
    expect(controls.stderr).toContain('--machine must be one line of plain text.');
    const long = await lapseIn(h, ['report', '--save-label', '--person', 'x'.repeat(81)], now);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('--person must be at most 80 characters.');
    const nothing = await lapseIn(h, ['report', '--save-label'], now);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('give at least one');
  });
});
