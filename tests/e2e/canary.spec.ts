import { expect, openWindow, test } from './support/fixtures.js';
import { addThroughForm, detailOf, pageText, tokenRows } from './support/flows.js';
import { canaryToken, dayFromNow, filesUnder } from './support/lapse-shell.js';

test('the canary secret is nowhere but the keychain: not in the vault folder, the shell output, the page or its storage', async ({
  page,
  context,
  shell,
  vault,
}) => {
  const secret = canaryToken();
  const origin = new URL(shell.url).origin;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.clock.install();
  await openWindow(page, shell);

  await addThroughForm(page, { secret, label: 'canary', purpose: 'a fake token to trace', expiresOn: dayFromNow(5) });
  expect(await pageText(page)).not.toContain(secret);

  // Revealed: on the page while shown, and only then.
  const detail = detailOf(page, 'canary');
  await detail.getByRole('button', { name: 'Reveal' }).click();
  await expect(detail.getByText(secret, { exact: true })).toBeVisible();
  expect(await pageText(page)).toContain(secret);
  await page.clock.fastForward(31_000);
  await expect(detail.getByText(secret)).toHaveCount(0);
  expect(await pageText(page)).not.toContain(secret);

  // Copy: the browser shell has no OS clipboard of its own, so the window copies and clears it.
  await detail.getByRole('button', { name: 'Copy' }).click();
  await expect(detail.getByRole('status').filter({ hasText: 'Copied' })).toHaveText(/^Copied — clears in (30|29) s$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  expect(await pageText(page)).not.toContain(secret);
  await page.clock.fastForward(31_000);
  await expect(detail.getByText('Clipboard cleared.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('');

  // Edit, so the metadata file has been rewritten at least once more.
  await detail.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Purpose').fill('a fake token to trace, edited');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(detailOf(page, 'canary').getByText('a fake token to trace, edited')).toBeVisible();

  const files = await filesUnder(vault.home);
  expect(files.length).toBeGreaterThan(0);
  for (const { file, text } of files) expect(text, file).not.toContain(secret);
  expect(shell.output()).not.toContain(secret);
  expect(shell.output()).not.toContain('CANARY');
  expect(await pageText(page)).not.toContain(secret);

  // And after deleting, still nowhere.
  await detailOf(page, 'canary').getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(tokenRows(page)).toHaveCount(0);
  for (const { file, text } of await filesUnder(vault.home)) expect(text, file).not.toContain(secret);
  expect(shell.output()).not.toContain(secret);
});
