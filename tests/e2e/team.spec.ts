import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, openWindow, screenshotPath, test } from './support/fixtures.js';
import { canaryToken, cliAdd, cliRun, fakeToken, freshVault, removeVault, type Vault } from './support/lapse-shell.js';

const day = 86_400_000;
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString();

/**
 * Three machines' reports of two dates, made with the real CLI: ana and bob hold the same canary
 * token (a shared token); bob rotates nothing and his GitHub token never expires; ci's second
 * report was edited by hand; and one file in the folder is not JSON.
 */
async function teamFolder(): Promise<{ dir: string; canary: string; vaults: Vault[] }> {
  const dir = path.join(os.tmpdir(), `lapse-e2e-team-${Date.now()}-${Math.random().toString(16).slice(2)}`);
  const canary = canaryToken();
  const machines = [
    { machine: 'ana-laptop', person: 'Ana' },
    { machine: 'bob-desktop', person: 'Bob' },
    { machine: 'ci-runner', person: 'CI' },
  ];
  const vaults: Vault[] = [];
  for (const [i, m] of machines.entries()) {
    const vault = await freshVault();
    vaults.push(vault);
    const added = at(45);
    await cliAdd(vault, fakeToken('FAKE', 32), [
      '--label',
      'Deploy key',
      '--provider',
      'generic',
      '--expires',
      at(-20).slice(0, 10),
      '--now',
      added,
    ]);
    if (i < 2)
      await cliAdd(vault, canary, ['--label', 'Shared push token', '--expires', at(-30).slice(0, 10), '--now', added]);
    if (i === 1)
      await cliAdd(vault, fakeToken('FAKE', 32), [
        '--label',
        'Old API key',
        '--provider',
        'generic',
        '--expires',
        'never',
        '--now',
        added,
      ]);
    await mkdir(path.join(dir, m.machine), { recursive: true });
    for (const [when, daysAgo] of [
      ['first', 40],
      ['second', 10],
    ] as const) {
      if (when === 'second' && i === 0)
        await cliAdd(vault, fakeToken('FAKE', 32), [
          '--label',
          'Release bot',
          '--provider',
          'generic',
          '--expires',
          at(-30).slice(0, 10),
          '--now',
          at(20),
        ]);
      const file = path.join(dir, m.machine, `${at(daysAgo).slice(0, 10)}.json`);
      await cliRun(vault, [
        'report',
        '--format',
        'json',
        '--out',
        file,
        '--machine',
        m.machine,
        '--person',
        m.person,
        '--now',
        at(daysAgo),
      ]);
    }
  }
  const ciSecond = path.join(dir, 'ci-runner', `${at(10).slice(0, 10)}.json`);
  await writeFile(ciSecond, (await readFile(ciSecond, 'utf8')).replace('"Deploy key"', '"Deploy key (checked)"'));
  await writeFile(path.join(dir, 'notes.json'), 'these are not JSON');
  return { dir, canary, vaults };
}

async function openTeam(page: Page, folder: string) {
  await page.getByRole('button', { name: 'Team', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Team', level: 2 })).toBeVisible();
  // The browser shell has no folder picker: the path is typed.
  await expect(page.getByRole('button', { name: 'Choose folder…' })).toHaveCount(0);
  await page.getByLabel('Folder of reports').fill(folder);
  await page.getByRole('button', { name: 'Open reports' }).click();
  await expect(page.getByRole('region', { name: /Team check/ })).toBeVisible();
}

test('the team view merges a folder of reports: verdict, machines, shared token, trend, edited and unreadable files, no secret', async ({
  page,
  shell,
}) => {
  const { dir, canary, vaults } = await teamFolder();
  try {
    await openWindow(page, shell);
    await openTeam(page, dir);

    await expect(page.getByRole('region', { name: /Team check/ })).toContainText(/Fails: \d+ findings/);
    await expect(page.getByRole('region', { name: /Team check/ })).toContainText('6 reports read from 3 machines');
    const totals = page.getByRole('list', { name: 'Team totals' });
    await expect(totals.getByRole('listitem').filter({ hasText: 'Machines' })).toContainText('3');
    await expect(totals.getByRole('listitem').filter({ hasText: 'Shared tokens' })).toContainText('1');

    const problems = page.getByRole('region', { name: /1 file not read, 1 report edited/ });
    await expect(problems).toContainText('notes.json: not valid JSON');
    await expect(problems).toContainText(`${path.join(dir, 'ci-runner')}`);

    const machines = page.getByRole('table', { name: 'Machines, worst first' });
    await expect(machines.locator('tbody tr')).toHaveCount(3);
    await expect(machines.getByRole('row', { name: /bob-desktop \(Bob\)/ })).toContainText('Old API key');
    await expect(machines.getByRole('row', { name: /ci-runner \(CI\)/ })).toContainText('edited');

    const shared = page.getByRole('region', { name: 'Shared tokens' });
    await expect(shared).toContainText('ana-laptop (Ana) (Shared push token), bob-desktop (Bob) (Shared push token)');

    const trend = page.getByRole('table', { name: 'What changed per machine' });
    await expect(trend.locator('tbody tr')).toHaveCount(3);
    const ana = trend.getByRole('row', { name: /ana-laptop/ });
    await expect(ana.getByRole('img', { name: /findings closed, \d+ opened/ })).toBeVisible();
    await expect(ana.locator('td').nth(2)).toHaveText('1'); // Release bot added

    const worst = page.getByRole('region', { name: 'Worst findings' });
    await expect(worst.getByRole('listitem').first()).toBeVisible();

    const content = await page.content();
    for (const form of [canary, Buffer.from(canary).toString('base64'), canary.slice(4, 24)])
      expect(content).not.toContain(form);

    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.screenshot({ path: screenshotPath('team-light'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(page);
    await page.screenshot({ path: screenshotPath('team-dark'), fullPage: true });
    await page.setViewportSize({ width: 800, height: 600 });
    await page.screenshot({ path: screenshotPath('team-800x600') });

    // A folder with nothing in it says so, and the view stays usable.
    await page.getByLabel('Folder of reports').fill(path.join(dir, 'nowhere'));
    await page.getByRole('button', { name: 'Open reports' }).click();
    await expect(page.getByRole('region', { name: /1 file not read/ })).toContainText('no such file or folder');
  } finally {
    await rm(dir, { recursive: true, force: true });
    await Promise.all(vaults.map((v) => removeVault(v)));
  }
});

test('the report view stores the machine and person label its shared reports carry', async ({ page, shell, vault }) => {
  await cliAdd(vault, fakeToken('FAKE', 32), [
    '--label',
    'Deploy key',
    '--provider',
    'generic',
    '--expires',
    at(-20).slice(0, 10),
  ]);
  await openWindow(page, shell);
  await page.getByRole('button', { name: 'Report', exact: true }).click();
  const form = page.getByRole('form', { name: 'Label on shared reports' });
  await expect(form.getByLabel('Machine')).toHaveValue('');
  await form.getByLabel('Machine').fill('ana-laptop');
  await form.getByLabel('Person').fill('Ana');
  await form.getByRole('button', { name: 'Save label' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved: reports from this vault carry this label.');
  await expect(page.getByText('Token hygiene of this machine (ana-laptop)')).toBeVisible();
  const report = JSON.parse(await cliRun(vault, ['report', '--format', 'json'])) as { machine: string; person: string };
  expect(report).toMatchObject({ machine: 'ana-laptop', person: 'Ana' });
  // The field takes at most 80 characters, as the vault does.
  await form.getByLabel('Machine').fill('a'.repeat(80) + 'b');
  await expect(form.getByLabel('Machine')).toHaveValue('a'.repeat(80));
});
