// What people expect of a desktop tool's window: the add form says every problem at once, an
// unknown expiry is not "never", a past date is questioned once; a skip link and `?`; ticking
// several tokens for one action; a reminders view with snooze and un-snooze; a missing secret found
// and put back; forbidden scopes and a token's own rules in Settings and Edit.
import { expect, openWindow, screenshotPath, test } from './support/fixtures.js';
import { addThroughForm, detailOf, tokenRow, tokenRows } from './support/flows.js';
import { cliAdd, cliRun, dayFromNow, fakeToken } from './support/lapse-shell.js';
import { seedTokens } from './support/seed.js';

test('the add form: every problem under its field at once, "Not known yet" is unknown (not never), a past date is questioned once', async ({
  page,
  shell,
}) => {
  await openWindow(page, shell);
  await page.getByRole('button', { name: 'Add token' }).click();
  const form = page.getByRole('form', { name: 'Add a token' });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Paste the token value first.').first()).toBeVisible();
  await expect(form.getByText('Give the token a label, e.g. "laptop push".').first()).toBeVisible();
  await expect(
    form.getByText('Choose the expiry date, or tick "Never expires" or "Not known yet".').first(),
  ).toBeVisible();
  await expect(form.getByLabel('Label', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Expires on')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Token value')).toBeFocused();

  await form.getByLabel('Token value').fill(fakeToken('ghp_'));
  await form.getByLabel('Label', { exact: true }).fill('mystery key');
  await form.getByLabel('Not known yet').check();
  await form.getByRole('button', { name: 'Save' }).click();
  const detail = detailOf(page, 'mystery key');
  await expect(detail.locator('.detail-status')).toContainText('Expiry unknown');
  await expect(detail.locator('.facts').first()).toContainText('unknown');
  await expect(tokenRow(page, 'mystery key')).toContainText('expiry unknown');

  await page.getByRole('button', { name: 'Add token' }).click();
  await form.getByLabel('Token value').fill(fakeToken('ghp_'));
  await form.getByLabel('Label', { exact: true }).fill('old one');
  await form.getByLabel('Expires on').fill(dayFromNow(-3));
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(
    form.getByText('That date is past: the token will show as expired at once. Save again to keep it.'),
  ).toBeVisible();
  await expect(tokenRows(page)).toHaveCount(1);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(detailOf(page, 'old one').locator('.detail-status')).toContainText('Expired');
});

test('a skip link reaches the list in two Tab presses; ? lists the shortcuts; g then l goes to the list', async ({
  page,
  shell,
  vault,
}) => {
  await seedTokens(vault);
  await openWindow(page, shell);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the token list' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(tokenRows(page).first()).toBeFocused();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Search tokens');
  await expect(help).toContainText('Tick the token for a bulk action');
  await page.screenshot({ path: screenshotPath('shortcuts-dialog') });
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await page.getByRole('button', { name: 'Overview' }).click();
  await page.keyboard.press('g');
  await page.keyboard.press('l');
  await expect(tokenRows(page).first()).toBeFocused();
});

test('ticking several tokens: Space and Shift+↓ tick, a tag goes on all of them, and a bulk delete can be undone', async ({
  page,
  shell,
  vault,
}) => {
  await seedTokens(vault);
  await openWindow(page, shell);
  await tokenRows(page).first().focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(tokenRows(page).nth(0)).toHaveAttribute('aria-checked', 'true');
  await expect(tokenRows(page).nth(1)).toHaveAttribute('aria-checked', 'true');
  const bulk = page.getByRole('region', { name: 'Bulk actions' });
  await expect(bulk).toContainText('2 ticked');
  await page.screenshot({ path: screenshotPath('bulk-actions') });

  await bulk.getByRole('button', { name: 'Add tag…' }).click();
  const tagging = page.getByRole('dialog', { name: 'Add a tag to 2 tokens' });
  await tagging.getByLabel('Tag').fill('audit');
  await tagging.getByRole('button', { name: 'Add tag' }).click();
  await expect(
    page.getByRole('navigation', { name: 'Views and filters' }).getByRole('button', { name: '#audit: 2' }),
  ).toBeVisible();

  await bulk.getByRole('button', { name: 'Delete…' }).click();
  const deleting = page.getByRole('dialog', { name: 'Delete 2 tokens?' });
  await expect(deleting).toContainText('They keep working at their providers');
  await deleting.getByRole('button', { name: 'Delete 2 tokens' }).click();
  await expect(tokenRows(page)).toHaveCount(2);
  await page.getByRole('status', { name: 'Notices' }).getByRole('button', { name: 'Undo' }).click();
  await expect(tokenRows(page)).toHaveCount(4);
});

test('the reminders view: due now with Snooze (and Undo), snoozed with Un-snooze, coming up', async ({
  page,
  shell,
  vault,
}) => {
  await cliAdd(vault, fakeToken('ghp_'), ['--label', 'laptop push', '--expires', dayFromNow(4)]);
  await cliAdd(vault, fakeToken('ghp_'), ['--label', 'far away', '--expires', dayFromNow(80)]);
  await openWindow(page, shell);
  await page.getByRole('navigation', { name: 'Views and filters' }).getByRole('button', { name: 'Reminders' }).click();
  const view = page.getByRole('region', { name: 'Reminders' });
  const due = view.getByRole('region', { name: /^Due now/ });
  const snoozed = view.getByRole('region', { name: /^Snoozed/ });
  const upcoming = view.getByRole('region', { name: /^Coming up/ });
  // Added four days before expiry: the 7-day reminder is due at once, not only the 1-day one later.
  await expect(due).toContainText('"laptop push" expires in');
  await expect(upcoming).toContainText('"far away" expires in 30 days');
  await due.getByRole('button', { name: /^Snooze 1 day/ }).click();
  const notice = page.getByRole('status', { name: 'Notices' });
  await expect(notice).toContainText('Snoozed “"laptop push" expires in');
  await expect(snoozed).toContainText('"laptop push"');
  await expect(due).toContainText('Nothing is due.');
  await page.screenshot({ path: screenshotPath('reminders-view') });
  await snoozed.getByRole('button', { name: /^Un-snooze/ }).click();
  await expect(due).toContainText('"laptop push" expires in');
  await expect(snoozed).toContainText('Nothing is snoozed.');
});

test('a secret gone from the keychain is found after the list paints, and pasting the same value puts it back', async ({
  page,
  shell,
  vault,
}) => {
  const secret = fakeToken('npm_');
  const id = await cliAdd(vault, secret, ['--label', 'npm publish', '--expires', 'never']);
  const { execFile } = await import('node:child_process');
  await new Promise((resolve) => execFile('secret-tool', ['clear', 'service', vault.service, 'username', id], resolve));
  await openWindow(page, shell);
  await expect(tokenRow(page, 'npm publish')).toContainText('Secret missing');
  await expect(
    page.getByRole('heading', { name: "The OS keychain holds none of your 1 tokens' secrets" }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: '1 secret missing' })).toBeVisible();
  await tokenRow(page, 'npm publish').click();
  const form = detailOf(page, 'npm publish').getByRole('form', { name: 'The secret is missing from the keychain' });
  await form.getByLabel('Token value').fill(fakeToken('npm_'));
  await form.getByRole('button', { name: 'Restore the value' }).click();
  await expect(form.getByRole('alert')).toContainText("That is not this token's value");
  await form.getByLabel('Token value').fill(secret);
  await form.getByRole('button', { name: 'Restore the value' }).click();
  await expect(tokenRow(page, 'npm publish')).not.toContainText('Secret missing');
  expect(await cliRun(vault, ['reveal', id])).toBe(`${secret}\n`);
});

test("Settings forbids scopes per provider; a token holding one is out of scope; Edit sets a token's own rules", async ({
  page,
  shell,
  vault,
}) => {
  await openWindow(page, shell);
  await addThroughForm(page, { secret: fakeToken('ghp_'), label: 'org admin', expiresOn: dayFromNow(30) });
  await detailOf(page, 'org admin').getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: /^Edit/ });
  await edit.getByLabel('Declared scopes').fill('repo, admin:org');
  await edit.getByText(/^Rules for this token/).click();
  await edit.getByLabel('Warning window (days)').fill('45');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  // Its own 45-day window makes 30 days out "Expiring".
  await expect(detailOf(page, 'org admin').locator('.detail-status')).toContainText('Expiring');

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add a provider' }).click();
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'GitHub' });
  await page.getByLabel('Scopes it must never hold').fill('admin:org, delete_repo');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.getByRole('button', { name: /^All tokens/ }).click();
  await expect(tokenRow(page, 'org admin')).toContainText('Out of scope');
  // The CLI judges by the same rules.
  const shown = JSON.parse(await cliRun(vault, ['policy', 'show', '--json'])) as {
    overrides: { forbiddenScopes?: Record<string, string[]> };
  };
  expect(shown.overrides.forbiddenScopes).toEqual({ github: ['admin:org', 'delete_repo'] });
});

test("Edit sets an OAuth token's own refresh window (a CI token refreshes only Mon–Fri, 08:00–20:00 UTC); a wrong one is said under its field", async ({
  page,
  shell,
  vault,
}) => {
  const id = await cliAdd(vault, fakeToken('FAKEoauth', 32), [
    '--label',
    'ci deploy grant',
    '--provider',
    'oauth2',
    '--base-url',
    'https://issuer.example.test',
    '--expires',
    dayFromNow(1),
  ]);
  await openWindow(page, shell);
  await tokenRow(page, 'ci deploy grant').click();
  await detailOf(page, 'ci deploy grant').getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: /^Edit/ });
  await edit.getByText(/^Rules for this token/).click();
  await edit.getByLabel('Refresh only on (days, UTC)').fill('weekdays');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByLabel('Refresh only on (days, UTC)')).toHaveAttribute('aria-invalid', 'true');
  await expect(edit.locator('.field-problem')).toContainText('Refresh days');
  await edit.getByLabel('Refresh only on (days, UTC)').fill('mon-fri');
  await edit.getByLabel('Refresh only between (UTC)').fill('08:00-20:00');
  await edit.screenshot({ path: screenshotPath('token-refresh-window') });
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toHaveCount(0);
  // The CLI reads the same rules for this token alone.
  const shown = JSON.parse(await cliRun(vault, ['policy', 'show', '--token', id.split(/\s+/)[0] ?? '', '--json'])) as {
    token: Record<string, unknown> | null;
  };
  expect(shown.token).toMatchObject({ refreshDays: 'mon-fri', refreshHours: '08:00-20:00' });
});
