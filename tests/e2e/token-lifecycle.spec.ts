import { expect, openWindow, screenshotPath, test } from './support/fixtures.js';
import { addThroughForm, detailOf, tokenRow, tokenRows } from './support/flows.js';
import { canaryToken, cliAdd, dayFromNow } from './support/lapse-shell.js';

test('a token added through the form counts down, reveals for 30 s, edits and deletes', async ({ page, shell }) => {
  const secret = canaryToken();
  await page.clock.install();
  await openWindow(page, shell);

  // First run: the empty state invites adding.
  await expect(page.getByRole('heading', { name: 'No tokens yet' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('empty-state') });
  await page.getByRole('button', { name: 'Add a token' }).click();

  // Paste first: the value is recognised before anything is stored.
  const form = page.getByRole('form', { name: 'Add a token' });
  await form.getByLabel('Token value').fill(secret);
  await expect(form.getByText('Recognised: GitHub classic PAT')).toBeVisible();
  await expect(form.getByLabel('Provider')).toHaveValue('');
  await expect(form.getByRole('option', { name: 'Detected: GitHub' })).toBeAttached();
  await addThroughForm(page, { secret, label: 'laptop push', purpose: 'push to octo/site', expiresOn: dayFromNow(5) });

  // Listed with its masked value, status in words, and a countdown with the exact date on hover.
  const row = tokenRow(page, 'laptop push');
  await expect(row).toContainText(`ghp_…${secret.slice(-4)}`);
  await expect(row).toContainText('Expiring');
  await expect(row).toContainText(/in [45] days/);
  await expect(row.locator('time')).toHaveAttribute('title', /^Expires /);

  // Adding opened it; Reveal shows the value with a visible countdown, then masks it again.
  const detail = detailOf(page, 'laptop push');
  await expect(detail).toBeVisible();
  await expect(detail.getByText('push to octo/site')).toBeVisible();
  await detail.getByRole('button', { name: 'Reveal' }).click();
  await expect(detail.getByText(secret, { exact: true })).toBeVisible();
  await expect(detail.getByRole('timer')).toHaveText(/^hides in (30|29) s$/);
  await page.screenshot({ path: screenshotPath('revealed') });
  await page.clock.fastForward(10_000);
  await expect(detail.getByRole('timer')).toHaveText(/^hides in (20|19) s$/);
  await page.clock.fastForward(21_000);
  await expect(detail.getByText(secret)).toHaveCount(0);
  await expect(detail.getByRole('timer')).toHaveCount(0);
  await expect(detail.getByText(`ghp_…${secret.slice(-4)}`)).toBeVisible();

  // Edit the metadata: the change shows in the panel and the list.
  await detail.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: /^Edit/ });
  await edit.getByLabel('Label', { exact: true }).fill('laptop push (old laptop)');
  await edit.getByLabel('Purpose').fill('push to octo/site and octo/docs');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  const renamed = detailOf(page, 'laptop push (old laptop)');
  await expect(renamed.getByText('push to octo/site and octo/docs')).toBeVisible();
  await expect(tokenRow(page, 'laptop push (old laptop)')).toBeVisible();

  // Delete, confirmed in a dialog that says it still works at GitHub and can be restored: back to the empty state.
  await renamed.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: "Delete 'laptop push (old laptop)'?" });
  await expect(dialog).toContainText('It keeps working at GitHub: deleting it here does not revoke it (Revoke does).');
  await expect(dialog).toContainText('Recently deleted for 30 days');
  await page.screenshot({ path: screenshotPath('delete-dialog') });
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No tokens yet' })).toBeVisible();
  await expect(tokenRows(page)).toHaveCount(0);

  // A toast says what happened, with Undo: the token comes back, value and all.
  const notice = page.getByRole('status', { name: 'Notices' });
  await expect(notice).toContainText('Deleted “laptop push (old laptop)”');
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(detailOf(page, 'laptop push (old laptop)')).toBeVisible();
  await detailOf(page, 'laptop push (old laptop)').getByRole('button', { name: 'Reveal' }).click();
  await expect(detailOf(page, 'laptop push (old laptop)').getByText(secret)).toBeVisible();

  // Deleted again, it waits in Recently deleted, restorable or deletable for good.
  await detailOf(page, 'laptop push (old laptop)').getByRole('button', { name: 'Delete…' }).click();
  await page
    .getByRole('dialog', { name: "Delete 'laptop push (old laptop)'?" })
    .getByRole('button', { name: 'Delete' })
    .click();
  await page.getByRole('button', { name: 'Recently deleted' }).click();
  const bin = page.getByRole('region', { name: 'Recently deleted' });
  await expect(bin).toContainText('laptop push (old laptop)');
  await bin.getByRole('button', { name: 'Delete for good… laptop push (old laptop)' }).click();
  await page
    .getByRole('dialog', { name: "Delete 'laptop push (old laptop)' for good?" })
    .getByRole('button', { name: 'Delete for good' })
    .click();
  await expect(bin).toContainText('Nothing here.');
});

test('countdowns tick down in place, in seconds when expiry is minutes away', async ({ page, shell, vault }) => {
  await cliAdd(vault, canaryToken(), [
    '--label',
    'short-lived',
    '--expires',
    new Date(Date.now() + 5 * 60_000).toISOString(),
  ]);
  await page.clock.install();
  await openWindow(page, shell);
  const expiry = tokenRow(page, 'short-lived').locator('time');
  await expect(expiry).toHaveText(/^in 4 min( \d+ s)?$/);
  await page.clock.fastForward(60_000);
  await expect(expiry).toHaveText(/^in 3 min( \d+ s)?$/);
  await page.clock.fastForward(2_000);
  const before = await expiry.textContent();
  await page.clock.fastForward(1_000);
  await expect(expiry).not.toHaveText(before ?? '');
});
