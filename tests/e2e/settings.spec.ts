import { expect, openWindow, screenshotPath, test } from './support/fixtures.js';
import { detailOf, tokenRow } from './support/flows.js';
import { cliAdd, cliRun, dayFromNow, fakeToken } from './support/lapse-shell.js';

test('a wider warning window in Settings makes a token 30 days out "Expiring"; resetting puts it back', async ({
  page,
  shell,
  vault,
}) => {
  await cliAdd(vault, fakeToken('ghp_'), [
    '--label',
    'release bot',
    '--expires',
    dayFromNow(30),
    '--purpose',
    'tags releases',
  ]);
  await openWindow(page, shell);
  const row = tokenRow(page, 'release bot');
  await expect(row).toContainText('Not verified yet');

  await page.getByRole('button', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Policy' });
  const warning = form.getByLabel('Warning window');
  await expect(warning).toHaveValue('14');
  await expect(form.getByText('Default: 14 days.')).toBeVisible();

  // A value the service would refuse is caught first, and named.
  await warning.fill('0');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Warning window: Enter a whole number of days from 1 to 365.');
  await expect(warning).toBeFocused();
  await expect(warning).toHaveAttribute('aria-invalid', 'true');

  await warning.fill('45');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved. Every token is now judged by these rules.');
  await expect(form.getByRole('button', { name: 'Use default (14)' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('settings-light') });

  await page.getByRole('button', { name: /^All tokens/ }).click();
  await expect(row).toContainText('Expiring');
  await row.click();
  await expect(detailOf(page, 'release bot').getByText(/^Expires in (29|30) days, on /)).toBeVisible();
  await expect(page.getByRole('button', { name: '1 expiring this week' })).toHaveCount(0); // 30 days is not this week

  // The CLI judges by the same policy.
  const shown = JSON.parse(await cliRun(vault, ['policy', 'show', '--json'])) as { overrides: object };
  expect(shown.overrides).toEqual({ warningDays: 45 });

  await page.getByRole('button', { name: 'Settings' }).click();
  await form.getByRole('button', { name: 'Reset all to defaults' }).click();
  // It asks first, Cancel focused: resetting changes how every token is judged.
  const confirm = page.getByRole('dialog', { name: 'Reset every rule to its default?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Reset all' }).click();
  await expect(form.getByRole('status')).toHaveText('Back to the defaults.');
  await expect(warning).toHaveValue('14');
  await expect(form.getByRole('button', { name: 'Reset all to defaults' })).toBeDisabled();
  await page.getByRole('button', { name: /^All tokens/ }).click();
  await expect(row).toContainText('Not verified yet');
});

test('the settings hold every policy rule, and a saved change survives a reload', async ({ page, shell }) => {
  await openWindow(page, shell);
  await page.getByRole('button', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Policy' });
  for (const [label, value] of [
    ['Warning window', '14'],
    ['Maximum lifetime', '90'],
    ['Rotate every', '90'],
    ['Verify every', '30'],
    ['Unused after', '30'],
  ] as const) {
    await expect(form.getByLabel(label)).toHaveValue(value);
  }
  await expect(form.getByLabel('lapse check fails at')).toHaveValue('warning');
  await expect(form.getByLabel('Flag tokens that never expire')).toBeChecked();

  await form.getByLabel('Maximum lifetime').fill('365');
  await form.getByLabel('lapse check fails at').selectOption('critical');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText(/^Saved/);

  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(form.getByLabel('Maximum lifetime')).toHaveValue('365');
  await expect(form.getByLabel('lapse check fails at')).toHaveValue('critical');
  await expect(form.getByLabel('Warning window')).toHaveValue('14');
});
