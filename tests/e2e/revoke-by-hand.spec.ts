import type { Locator, Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, openWindow, screenshotPath, test } from './support/fixtures.js';
import { detailOf, pageText, tokenRow } from './support/flows.js';
import { cliAdd, cliRun, fakeToken } from './support/lapse-shell.js';

// Providers Lapse cannot verify: no check can ever show the old value dead, so the person's word
// settles the revocation, recorded as theirs and not as a verify.

/** The panel's History, opened (it reads the audit log only when asked). */
async function historyOf(page: Page, label: string) {
  const history = detailOf(page, label).getByRole('region', { name: 'History' });
  await history.getByRole('button', { name: 'Show history' }).click();
  await expect(history.getByRole('button', { name: 'Hide history' })).toHaveAttribute('aria-expanded', 'true');
  return history;
}

/** Light and dark screenshots of the window with one part scrolled into view. */
async function shootBoth(page: Page, part: Locator, name: string) {
  await part.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath(`${name}-light`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath(`${name}-dark`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('Revoke without a provider API stays pending with the steps; "I revoked it at the provider" records your word and the token shows revoked', async ({
  page,
  shell,
  vault,
}) => {
  const secret = fakeToken('sk_live_FAKE', 24);
  await cliAdd(vault, secret, ['--label', 'billing export', '--provider', 'stripe', '--expires', 'never']);
  await openWindow(page, shell);
  await tokenRow(page, 'billing export').click();
  const detail = detailOf(page, 'billing export');
  await detail.getByRole('button', { name: 'Revoke…' }).click();
  await page
    .getByRole('dialog', { name: "Revoke 'billing export' at Stripe?" })
    .getByRole('button', { name: 'Revoke', exact: true })
    .click();

  const outcome = detail.getByRole('status').filter({ hasText: 'Revocation pending — old token still live.' });
  await expect(outcome).toBeVisible();
  await expect(outcome.getByRole('list', { name: 'Steps to revoke it by hand' }).getByRole('listitem')).not.toHaveCount(
    0,
  );
  await expect(detail.locator('.detail-status')).toContainText('Revocation pending');
  // Lapse cannot verify Stripe tokens: a Check again could never succeed, so it is not offered.
  await expect(detail.getByRole('button', { name: 'Check again' })).toHaveCount(0);
  await expect(detail.getByRole('button', { name: 'Forget…' })).toHaveCount(0);
  await shootBoth(page, outcome, 'revoke-pending-by-hand');

  await outcome.getByRole('button', { name: 'I revoked it at the provider' }).click();
  const dialog = page.getByRole('dialog', { name: "Did you revoke 'billing export' at Stripe?" });
  await expect(dialog).toContainText('Lapse cannot check this; it will record that you confirmed it.');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoAxeViolations(page, 'dialog');
  await shootBoth(page, dialog, 'revoke-by-hand-dialog');
  await dialog.getByRole('button', { name: 'I revoked it' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(detail.locator('.detail-status')).toContainText('Revoked');
  await expect(detail.getByRole('status').filter({ hasText: 'Recorded' })).toBeVisible();
  await expect(detail.locator('.fact').filter({ hasText: 'Revoked' })).toContainText('confirmed by you, not verified');
  await expect(detail.getByRole('button', { name: 'Forget…' })).toBeVisible();
  await expect(detail.getByRole('button', { name: 'I revoked it at the provider' })).toHaveCount(0);
  const history = await historyOf(page, 'billing export');
  await expect(history.getByRole('listitem').first()).toContainText('revoked');
  await expect(history.getByRole('listitem').first()).toContainText('not verified');
  await shootBoth(page, detail.locator('.fact').filter({ hasText: 'Revoked' }), 'revoked-by-hand');
  const shown = JSON.parse(
    await cliRun(vault, ['show', tokenIdOf(await cliRun(vault, ['list', '--json'])), '--json']),
  ) as { status: string };
  expect(shown.status).toBe('revoked');
  expect(await pageText(page)).not.toContain(secret);
});

test('Rotate an API key Lapse cannot verify: the guide, the new value in, "old value still live", then your word revokes the old one', async ({
  page,
  shell,
  vault,
}) => {
  const oldSecret = fakeToken('FAKEwx', 32);
  const newSecret = fakeToken('FAKEwx', 32);
  await cliAdd(vault, oldSecret, ['--label', 'weather api', '--provider', 'generic', '--expires', 'never']);
  await openWindow(page, shell);
  await tokenRow(page, 'weather api').click();
  const detail = detailOf(page, 'weather api');

  await detail.getByRole('button', { name: 'Rotate…' }).click();
  const rotate = page.getByRole('dialog', { name: /^Rotate 'weather api'/ });
  // No rotation API: Rotate itself turns into the guide.
  await rotate.getByRole('button', { name: 'Rotate', exact: true }).click();
  const guide = rotate.getByRole('form', { name: 'Create the replacement' });
  await guide.getByLabel('New token value').fill(newSecret);
  await guide.getByRole('button', { name: 'Check and save' }).click();

  await expect(rotate.getByRole('status')).toContainText('Old token still live.');
  await expect(rotate.getByText(/^Old value still live — revoke it by hand/)).toBeVisible();
  await expectNoAxeViolations(page, 'dialog');
  await shootBoth(page, rotate, 'rotate-unverifiable-done');
  await rotate.getByRole('button', { name: 'I revoked it at the provider' }).click();
  await expect(rotate).toHaveCount(0);

  const confirm = page.getByRole('dialog', { name: /^Did you revoke the old value of 'weather api'/ });
  await expect(confirm).toContainText('Lapse cannot check this; it will record that you confirmed it.');
  await expectNoAxeViolations(page, 'dialog');
  await confirm.getByRole('button', { name: 'I revoked it' }).click();
  await expect(confirm).toHaveCount(0);

  // The token itself lives on with the new value; only the value it replaced is revoked.
  await expect(detail.getByRole('status').filter({ hasText: 'Recorded' })).toBeVisible();
  await expect(detail.locator('.detail-status')).not.toContainText('Revocation pending');
  await expect(detail.getByRole('button', { name: 'Rotate…' })).toBeVisible();
  await expect(detail.getByRole('button', { name: 'I revoked it at the provider' })).toHaveCount(0);
  const history = await historyOf(page, 'weather api');
  const events = history.locator('.history-event');
  // The old value still live was a critical state: its reminder was shown (and logged) until it was settled.
  await expect(events).toHaveText(['revoked', 'reminded', 'rotated', 'added']);
  await shootBoth(page, history, 'rotated-unverifiable-confirmed');

  const [token] = JSON.parse(await cliRun(vault, ['list', '--json'])) as { masked: string; status: string }[];
  expect(token?.masked.endsWith(newSecret.slice(-4))).toBe(true);
  expect(token?.status).not.toBe('revocation-pending');
  const text = await pageText(page);
  expect(text).not.toContain(oldSecret);
  expect(text).not.toContain(newSecret);
});

const tokenIdOf = (listJson: string): string => (JSON.parse(listJson) as { id: string }[])[0]?.id ?? '';
