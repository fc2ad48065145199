import { expectNoAxeViolations } from './support/axe.js';
import { expect, openWindow, screenshotPath } from './support/fixtures.js';
import { detailOf, pageText, tokenRow } from './support/flows.js';
import { cliAdd, fakeToken } from './support/lapse-shell.js';
import { test } from './support/provider-fixtures.js';

test('Revoking an npm token under two-factor auth asks for the one-time code, and the token list (not whoami) confirms the delete', async ({
  page,
  shell,
  vault,
  npm,
}) => {
  const secret = fakeToken('npm_FAKE', 32);
  npm.addToken(secret, { username: 'publisher' });
  npm.setTwoFactor('publisher', 'auth-and-writes', '271828');
  await cliAdd(vault, secret, [
    '--label',
    'publish from CI',
    '--provider',
    'npm',
    '--base-url',
    npm.url,
    '--expires',
    'never',
  ]);
  await openWindow(page, shell);
  await tokenRow(page, 'publish from CI').click();
  const detail = detailOf(page, 'publish from CI');

  await detail.getByRole('button', { name: 'Revoke…' }).click();
  await page
    .getByRole('dialog', { name: "Revoke 'publish from CI' at npm?" })
    .getByRole('button', { name: 'Revoke', exact: true })
    .click();

  // npm answered 401 with www-authenticate: OTP: nothing was deleted, and the window asks for the code.
  const form = detail.getByRole('form');
  await expect(form).toContainText('Nothing revoked yet — a one-time code is needed.');
  await expect(detail.locator('.detail-status')).not.toContainText('Revoked');
  expect(npm.deleted(secret)).toBe(false);
  await expectNoAxeViolations(page);
  await detail.screenshot({ path: screenshotPath('revoke-npm-otp-asked') });

  await form.getByLabel('One-time code').fill('000000');
  await form.getByRole('button', { name: 'Revoke with this code' }).click();
  await expect(form).toContainText('npm did not accept that one-time code');
  expect(npm.deleted(secret)).toBe(false);

  await form.getByLabel('One-time code').fill('271828');
  await form.getByRole('button', { name: 'Revoke with this code' }).click();
  const outcome = detail.getByRole('status').filter({ hasText: /^Revoked: npm no longer lists it/ });
  await expect(outcome).toContainText('up to an hour');
  await detail.screenshot({ path: screenshotPath('revoke-npm-otp-done') });
  expect(npm.deleted(secret)).toBe(true);
  // npm's cache still takes it for up to an hour; Lapse said so instead of calling it live.
  expect(npm.accepts(secret)).toBe(true);
  await expect(detail.locator('.detail-status')).toContainText('Revoked');
  expect(await pageText(page)).not.toContain(secret);
});

test('An npm token usable only from other addresses is never shown revoked by a check from here; your word settles it, after one more check', async ({
  page,
  shell,
  vault,
  npm,
}) => {
  const secret = fakeToken('npm_FAKE', 32);
  npm.addToken(secret, { username: 'publisher', cidr: ['192.0.2.0/24'] });
  await cliAdd(vault, secret, [
    '--label',
    'office publish',
    '--provider',
    'npm',
    '--base-url',
    npm.url,
    '--expires',
    'never',
  ]);
  await openWindow(page, shell);
  await tokenRow(page, 'office publish').click();
  const detail = detailOf(page, 'office publish');

  await detail.getByRole('button', { name: 'Revoke…' }).click();
  await page
    .getByRole('dialog', { name: "Revoke 'office publish' at npm?" })
    .getByRole('button', { name: 'Revoke', exact: true })
    .click();

  // npm answers 401 with www-authenticate: ipaddress: nothing about the token, so it stays pending.
  const outcome = detail.getByRole('status').filter({ hasText: 'Revocation pending — old token still live.' });
  await expect(outcome).toContainText('IP address');
  await expect(outcome).toContainText('--by-hand');
  expect(npm.deleted(secret)).toBe(false);
  await outcome.getByRole('button', { name: 'I revoked it at the provider' }).click();
  const dialog = page.getByRole('dialog', { name: "Did you revoke 'office publish' at npm?" });
  await expect(dialog).toContainText('Lapse asks npm once more.');
  await expectNoAxeViolations(page, 'dialog');
  await dialog.screenshot({ path: screenshotPath('revoke-cannot-tell-by-hand') });
  await dialog.getByRole('button', { name: 'I revoked it' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(detail.locator('.detail-status')).toContainText('Revoked');
  await expect(detail.locator('.fact').filter({ hasText: 'Revoked' })).toContainText('confirmed by you, not verified');
  await detail.screenshot({ path: screenshotPath('revoke-cannot-tell-settled') });
  expect(await pageText(page)).not.toContain(secret);
});
