import { expect, type Locator, type Page } from '@playwright/test';
import { detectToken } from '../../../shared/formats.js';
import { registerSecret } from './canary-registry.js';

export interface NewToken {
  secret: string;
  label: string;
  purpose?: string;
  /** YYYY-MM-DD, or null for "never expires". */
  expiresOn: string | null;
}

/** Paste, fill in and save a token through the add form; waits until it is listed. */
export async function addThroughForm(page: Page, token: NewToken): Promise<void> {
  registerSecret(token.secret, detectToken(token.secret)?.prefix ?? '');
  const form = page.getByRole('form', { name: 'Add a token' });
  if (!(await form.isVisible())) await page.getByRole('button', { name: 'Add token' }).click();
  await form.getByLabel('Token value').fill(token.secret);
  await form.getByLabel('Label', { exact: true }).fill(token.label);
  if (token.purpose) await form.getByLabel('Purpose').fill(token.purpose);
  if (token.expiresOn) await form.getByLabel('Expires on').fill(token.expiresOn);
  else await form.getByLabel('Never expires').check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await expect(tokenRow(page, token.label)).toBeVisible();
}

/** The rows of the token list (the add form's provider select has options too). */
export const tokenRows = (page: Page) => page.getByRole('listbox', { name: 'Tokens' }).getByRole('option');

/** One row of the token list, by label. */
export const tokenRow = (page: Page, label: string) => tokenRows(page).filter({ hasText: label });

/** The detail panel of the open token. */
export const detailOf = (page: Page, label: string) => page.getByRole('article', { name: label });

/** Everything the page keeps where a script could read it: the DOM and both storages. */
export async function pageText(page: Page): Promise<string> {
  const storage = await page.evaluate(() =>
    JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }),
  );
  return `${await page.content()}\n${storage}`;
}

/** Press Tab until focus is on one of `targets` (at most `limit` presses); fails if it never gets there. */
export async function tabTo(page: Page, targets: Locator, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await targets.evaluateAll((els) => els.some((el) => el === document.activeElement))) return;
  }
  throw new Error(`Tab never reached ${targets.toString()} in ${limit} presses`);
}
