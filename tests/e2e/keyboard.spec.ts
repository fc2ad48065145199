import { expect, openWindow, test } from './support/fixtures.js';
import { detailOf, tabTo, tokenRow, tokenRows } from './support/flows.js';
import { seedTokens } from './support/seed.js';

test('keyboard: n adds, Esc closes, / searches, ↑/↓ and Enter open tokens, Tab reaches the sidebar', async ({
  page,
  shell,
  vault,
}) => {
  await seedTokens(vault);
  await openWindow(page, shell);
  // Most urgent first, as the service sorts them (standing access outranks a near expiry).
  await expect(tokenRows(page)).toHaveText([/deploy-bot/, /npm publish/, /laptop push/, /alerts bot/]);

  await page.keyboard.press('n');
  const form = page.getByRole('form', { name: 'Add a token' });
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Token value')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add token' })).toBeFocused();

  // Tab reaches the list (past the sidebar and the list's filters) as one stop; arrows move, Enter opens.
  await tabTo(page, tokenRows(page));
  await expect(tokenRow(page, 'deploy-bot')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(tokenRow(page, 'alerts bot')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(tokenRow(page, 'laptop push')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(detailOf(page, 'laptop push')).toBeVisible();
  await expect(tokenRow(page, 'laptop push')).toHaveAttribute('aria-selected', 'true');
  await expect(detailOf(page, 'laptop push').getByRole('heading', { name: 'laptop push' })).toBeFocused();

  // Esc closes the panel and puts focus back on the row.
  await page.keyboard.press('Escape');
  await expect(detailOf(page, 'laptop push')).toHaveCount(0);
  await expect(tokenRow(page, 'laptop push')).toBeFocused();
  await page.keyboard.press('End');
  await expect(tokenRow(page, 'alerts bot')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(detailOf(page, 'alerts bot')).toBeVisible();

  // The delete dialog closes with Esc and nothing is deleted.
  await detailOf(page, 'alerts bot').getByRole('button', { name: 'Delete…' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: "Delete 'alerts bot'?" });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(tokenRows(page)).toHaveCount(4);

  // `/` focuses the search, a label filter; typing `n` there types, it does not add.
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search tokens')).toBeFocused();
  await page.keyboard.type('np');
  await expect(page.getByRole('form', { name: 'Add a token' })).toHaveCount(0);
  await expect(tokenRows(page)).toHaveText([/npm publish/]);

  // The sidebar is reachable by Tab and Enter; from the overview, `/` and `n` lead back to the list.
  await page.getByLabel('Search tokens').fill('');
  await tabTo(page, page.getByRole('button', { name: 'Overview' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await page.keyboard.press('/');
  await page.keyboard.type('alerts');
  await expect(tokenRows(page)).toHaveText([/alerts bot/]);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.keyboard.press('n');
  await expect(page.getByRole('form', { name: 'Add a token' })).toBeVisible();
});
