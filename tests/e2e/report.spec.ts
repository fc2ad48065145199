import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, openWindow, screenshotPath, test } from './support/fixtures.js';
import { canaryToken, cliAdd, dayFromNow, type Vault } from './support/lapse-shell.js';
import { seedTokens } from './support/seed.js';

/** The four seed tokens plus a canary (unverified, expiring in a month). */
async function seedWithCanary(vault: Vault): Promise<string> {
  await seedTokens(vault);
  const canary = canaryToken();
  await cliAdd(vault, canary, ['--label', 'canary', '--expires', dayFromNow(30), '--purpose', 'a fake token to trace']);
  return canary;
}

async function openReport(page: Page) {
  await page.getByRole('button', { name: 'Report', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Report', level: 2 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Every token, most urgent first' })).toBeVisible();
}

/** Click an export button and read the file the browser saved. */
async function exportAs(page: Page, name: string): Promise<{ filename: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Export as ${name}` }).click(),
  ]);
  const saved = await download.path();
  return { filename: download.suggestedFilename(), text: await readFile(saved, 'utf8') };
}

test('the report view counts tokens by status and provider, says why lapse check would fail, and its exports hold no secret', async ({
  page,
  shell,
  vault,
}) => {
  const canary = await seedWithCanary(vault);
  await openWindow(page, shell);
  await openReport(page);

  const byStatus = page.getByRole('table', { name: 'By status' });
  await expect(byStatus.getByRole('row', { name: /^Expired/ })).toContainText('1');
  await expect(byStatus.getByRole('row', { name: /^Expiring/ })).toContainText('1');
  await expect(byStatus.getByRole('row', { name: /^No expiry/ })).toContainText('1');
  await expect(byStatus.getByRole('row', { name: /^Not verified yet/ })).toContainText('2');
  await expect(byStatus.getByRole('row', { name: /^All tokens/ })).toContainText('5');
  const byProvider = page.getByRole('table', { name: 'By provider' });
  await expect(byProvider.getByRole('row', { name: /^GitHub/ })).toContainText('2');
  await expect(byProvider.getByRole('row', { name: /^GitLab/ })).toContainText('1');
  await expect(byProvider.getByRole('row', { name: /^npm/ })).toContainText('1');
  await expect(byProvider.getByRole('row', { name: /^Slack/ })).toContainText('1');
  const standing = page.getByRole('region', { name: 'Standing access' });
  await expect(standing).toContainText('Oldest token');
  await expect(standing.getByRole('definition').nth(1)).toHaveText('1 token: npm publish');

  // Expired, never-expiring and expiring reach the default threshold (warning), worst first; unverified is only a note.
  const check = page.getByRole('region', { name: 'Policy check (lapse check)' });
  await expect(check).toContainText('Would fail');
  await expect(check).toContainText('3 findings on 3 tokens reach the threshold (warnings or worse)');
  await expect(check.getByRole('listitem')).toHaveText([
    /^deploy-bot \(GitLab\) — Expired: Expired 2 days ago/,
    /^npm publish \(npm\) — No expiry: Never expires/,
    /^laptop push \(GitHub\) — Expiring: Expires in [34] days/,
  ]);

  const rows = page.getByRole('table', { name: 'Every token, most urgent first' }).locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText('deploy-bot');
  await expect(rows.first()).toContainText(/expired 2 days ago/);
  await expect(rows.filter({ hasText: 'npm publish' })).toContainText('never');
  await expect(rows.filter({ hasText: 'canary' })).toContainText(/in (29|30) days/);

  expect(await page.content()).not.toContain(canary);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.screenshot({ path: screenshotPath('report-light') });

  const forms = [canary, Buffer.from(canary).toString('base64'), encodeURIComponent(canary), canary.slice(4, 24)];
  for (const [name, extension] of [
    ['Markdown', 'md'],
    ['JSON', 'json'],
    ['HTML', 'html'],
    ['CSV', 'csv'],
  ] as const) {
    const file = await exportAs(page, name);
    expect(file.filename).toMatch(new RegExp(`^lapse-report-(.+-)?\\d{4}-\\d{2}-\\d{2}\\.${extension}$`));
    expect(file.text).toContain('deploy-bot');
    expect(file.text).toContain('canary');
    for (const form of forms) expect(file.text, `${name} export`).not.toContain(form);
    if (extension === 'json')
      expect(JSON.parse(file.text)).toMatchObject({ reportVersion: 2, summary: { tokenCount: 5 } });
    await expect(page.getByRole('status').filter({ hasText: `Saved ${file.filename}` })).toBeVisible();
  }

  // A label in the table opens that token in the list.
  await page.getByRole('button', { name: 'laptop push', exact: true }).click();
  await expect(page.getByRole('article', { name: 'laptop push' })).toBeVisible();
});

test('axe finds no violations on the report view (dark)', async ({ page, shell, vault }) => {
  await seedWithCanary(vault);
  await page.emulateMedia({ colorScheme: 'dark' });
  await openWindow(page, shell);
  await openReport(page);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.screenshot({ path: screenshotPath('report-dark') });
});
