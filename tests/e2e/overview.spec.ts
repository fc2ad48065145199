import type { Page } from '@playwright/test';
import { expect, openWindow, test } from './support/fixtures.js';
import { detailOf, tokenRows } from './support/flows.js';
import { seedSpread } from './support/seed.js';

const timeline = (page: Page) => page.getByRole('img', { name: 'Expiry timeline, next 90 days' });

test('the overview puts every token expiring in the next 90 days on the timeline, and counts by status and provider', async ({
  page,
  shell,
  vault,
}) => {
  await seedSpread(vault);
  await openWindow(page, shell);
  await page.getByRole('button', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { name: 'Overview', level: 2 })).toBeVisible();

  // Marks for the six tokens inside the 90 days, in expiry order; the expired one left of today.
  const marks = timeline(page).locator('g[data-token]');
  await expect(marks).toHaveCount(6);
  expect(await marks.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-token')))).toEqual([
    'laptop push',
    'staging api',
    'docs preview',
    'metrics reader',
    'alerts bot',
    'backup sync',
  ]);
  await expect(marks.first().locator('title')).toHaveText(/^laptop push · GitHub · Expiring · in [34] days \(/);
  await expect(timeline(page)).toContainText('1 expired');
  await expect(timeline(page).locator('desc')).toHaveText(
    '6 tokens expire in the next 90 days, 2 of them within the 14-day warning window; 1 already expired.',
  );
  await expect(page.getByText('1 expires later. 1 never expires.')).toBeVisible();

  const byStatus = page.getByRole('table', { name: 'By status' });
  await expect(byStatus.getByRole('row', { name: /^Expired/ })).toContainText('1');
  await expect(byStatus.getByRole('row', { name: /^Expiring/ })).toContainText('2');
  await expect(byStatus.getByRole('row', { name: /^No expiry/ })).toContainText('1');
  await expect(byStatus.getByRole('row', { name: /^Not verified yet/ })).toContainText('4');
  await expect(byStatus.getByRole('row', { name: /^Too long-lived/ })).toContainText('1'); // 120 days > 90-day maximum
  const byProvider = page.getByRole('table', { name: 'By provider' });
  await expect(byProvider.getByRole('row', { name: /^GitHub/ }).getByRole('cell')).toHaveText(['6', '3', '']);
  await expect(byProvider.getByRole('row', { name: /^GitLab/ }).getByRole('cell')).toHaveText(['1', '1', '']);

  // Each count leads to the list it counts; the next expiry opens its token.
  await byProvider.getByRole('button', { name: 'GitLab' }).click();
  await expect(tokenRows(page)).toHaveText([/deploy-bot/]);
  await page.getByRole('button', { name: 'Overview' }).click();
  await page.getByRole('list', { name: 'Next to expire' }).getByRole('button', { name: 'laptop push' }).click();
  await expect(detailOf(page, 'laptop push')).toBeVisible();
});
