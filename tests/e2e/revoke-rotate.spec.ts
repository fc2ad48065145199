import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, openWindow, screenshotPath } from './support/fixtures.js';
import { detailOf, pageText, tokenRow, tokenRows } from './support/flows.js';
import { cliAdd, cliRun, dayFromNow, fakeToken } from './support/lapse-shell.js';
import { test } from './support/provider-fixtures.js';

/** The panel's History, opened (it reads the audit log only when asked). */
async function historyOf(page: Page, label: string) {
  const history = detailOf(page, label).getByRole('region', { name: 'History' });
  const toggle = history.getByRole('button', { name: 'Show history' });
  await toggle.click();
  await expect(history.getByRole('button', { name: 'Hide history' })).toHaveAttribute('aria-expanded', 'true');
  return history;
}

test('Revoke asks GitHub, shows the token confirmed dead, and Forget removes it from the list', async ({
  page,
  shell,
  vault,
  github,
}) => {
  const secret = fakeToken('ghp_FAKE');
  github.addToken(secret, {
    login: 'octocat',
    scopes: ['repo'],
    expiresAt: new Date(Date.now() + 40 * 86_400_000).toISOString(),
  });
  await cliAdd(vault, secret, [
    '--label',
    'laptop push',
    '--provider',
    'github',
    '--base-url',
    github.url,
    '--scopes',
    'repo',
    '--expires',
    'never',
  ]);
  await openWindow(page, shell);
  await tokenRow(page, 'laptop push').click();
  const detail = detailOf(page, 'laptop push');

  await detail.getByRole('button', { name: 'Revoke…' }).click();
  const dialog = page.getByRole('dialog', { name: "Revoke 'laptop push' at GitHub?" });
  await expect(dialog).toContainText("The token stops working for everything that uses it. This can't be undone.");
  await expectNoAxeViolations(page, 'dialog');
  await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(dialog).toHaveCount(0);

  const outcome = detail.getByRole('status').filter({ hasText: /^Revoked: GitHub rejects it/ });
  await expect(outcome).toContainText('GitHub');
  await detail.screenshot({ path: screenshotPath('revoke-outcome-github') });
  // GitHub itself no longer accepts the value.
  expect(github.tokenState(secret)?.revoked).toBe(true);
  await expect(detail.locator('.detail-status')).toContainText('Revoked');
  await expect(detail.getByRole('button', { name: 'Revoke…' })).toHaveCount(0);
  const history = await historyOf(page, 'laptop push');
  await expect(history.getByRole('listitem').first()).toContainText('revoked');
  await expect(history.getByRole('listitem').last()).toContainText('added');
  expect(await pageText(page)).not.toContain(secret);

  await detail.getByRole('button', { name: 'Forget…' }).click();
  const forget = page.getByRole('dialog', { name: "Forget 'laptop push'?" });
  await expectNoAxeViolations(page, 'dialog');
  await forget.getByRole('button', { name: 'Forget', exact: true }).click();
  await expect(tokenRow(page, 'laptop push')).toHaveCount(0);
  await expect(detailOf(page, 'laptop push')).toHaveCount(0);
});

test('Rotate replaces a GitLab token automatically: one token in the list, a later expiry, the old value dead, the steps in History', async ({
  page,
  shell,
  vault,
  gitlab,
}) => {
  const secret = fakeToken('glpat-', 20);
  gitlab.addToken(secret, { username: 'alice', scopes: ['api'], expiresAt: dayFromNow(10) });
  await cliAdd(vault, secret, [
    '--label',
    'deploy-bot',
    '--provider',
    'gitlab',
    '--base-url',
    gitlab.url,
    '--scopes',
    'api',
    '--expires',
    dayFromNow(10),
  ]);
  gitlab.latencyMs = 400;
  await openWindow(page, shell);
  await tokenRow(page, 'deploy-bot').click();
  const detail = detailOf(page, 'deploy-bot');

  await detail.getByRole('button', { name: 'Rotate…' }).click();
  const dialog = page.getByRole('dialog', { name: "Rotate 'deploy-bot' at GitLab" });
  // GitLab would give one week without a date: the dialog proposes the old token's lifetime before anything is sent.
  const expiry = dialog.getByLabel('New expiry');
  await expect(expiry).toHaveValue(dayFromNow(10));
  await expect(dialog.getByText(/^Proposed: 10 days from today \(the old token's lifetime: 10 days\)/)).toBeVisible();
  const newExpiry = dayFromNow(60);
  await expiry.fill(newExpiry);
  await expect(dialog.getByText('A date you chose; Lapse sends it as is.')).toBeVisible();
  await expectNoAxeViolations(page, 'dialog');
  await dialog.screenshot({ path: screenshotPath('rotate-dialog-start') });
  await dialog.getByRole('button', { name: 'Rotate', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Rotating at GitLab');

  const outcome = dialog.getByRole('status');
  await expect(outcome).toContainText(/^Rotated: .*confirmed dead/);
  await expect(dialog.getByRole('definition').first()).toHaveText('alice');
  await expectNoAxeViolations(page, 'dialog');
  await dialog.screenshot({ path: screenshotPath('rotate-dialog-gitlab') });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(tokenRows(page)).toHaveCount(1);
  const tokens = JSON.parse(await cliRun(vault, ['list', '--json'])) as { expiresAt: string }[];
  expect(tokens.map((t) => t.expiresAt.slice(0, 10))).toEqual([newExpiry]);
  // At GitLab only the new value works, and it is not the old one.
  const live = gitlab.liveTokens();
  expect(live).toHaveLength(1);
  expect(live).not.toContain(secret);
  expect(await pageText(page)).not.toContain(live[0]);

  const history = await historyOf(page, 'deploy-bot');
  await expect(history.getByRole('listitem').filter({ hasText: 'rotated' })).not.toHaveCount(0);
  await expect(history.getByRole('listitem').last()).toContainText('added');
  await history.screenshot({ path: screenshotPath('history-after-rotate') });
});

test('Rotate for GitHub guides: the create page and old scopes, the pasted value checked for account and scopes, the old one revoked', async ({
  page,
  shell,
  vault,
  github,
}) => {
  const oldSecret = fakeToken('ghp_FAKE');
  github.addToken(oldSecret, { login: 'octocat', scopes: ['repo'], expiresAt: null });
  await cliAdd(vault, oldSecret, [
    '--label',
    'laptop push',
    '--provider',
    'github',
    '--base-url',
    github.url,
    '--scopes',
    'repo',
    '--expires',
    'never',
  ]);
  // The replacement the person "created" at GitHub: same account, one scope more than before.
  const newSecret = fakeToken('ghp_FAKE');
  github.addToken(newSecret, { login: 'octocat', scopes: ['repo', 'admin:org'], expiresAt: null });
  await openWindow(page, shell);
  await tokenRow(page, 'laptop push').click();
  // Verified once, so Lapse knows which scopes the old value holds and can tell a wider replacement.
  const provider = detailOf(page, 'laptop push').getByRole('region', { name: 'Provider' });
  await provider.getByRole('button', { name: 'Verify' }).click();
  await expect(provider.getByRole('list', { name: 'Learned' })).toBeVisible();

  await detailOf(page, 'laptop push').getByRole('button', { name: 'Rotate…' }).click();
  const dialog = page.getByRole('dialog', { name: "Rotate 'laptop push' at GitHub" });
  await dialog.getByRole('button', { name: 'Rotate by hand' }).click();
  const guide = dialog.getByRole('form', { name: 'Create the replacement' });
  await expect(guide.getByRole('link', { name: 'Create the new token at the provider' })).toHaveAttribute(
    'rel',
    /noopener/,
  );
  await expect(
    guide.getByRole('list', { name: 'Give it the scopes the old one has:' }).getByRole('listitem'),
  ).toHaveText(['repo']);
  const value = guide.getByLabel('New token value');
  await expect(value).toHaveAttribute('type', 'password');
  await value.fill(newSecret);
  await expectNoAxeViolations(page, 'dialog');
  await dialog.screenshot({ path: screenshotPath('rotate-dialog-guided') });
  await guide.getByRole('button', { name: 'Check and save' }).click();

  const outcome = dialog.getByRole('status');
  await expect(outcome.getByRole('definition').first()).toHaveText('octocat');
  await expect(outcome.getByRole('list', { name: 'Warnings' })).toContainText('scope-widened');
  await dialog.screenshot({ path: screenshotPath('rotate-dialog-guided-done') });
  expect(github.tokenState(oldSecret)?.revoked).toBe(true);
  expect(github.tokenState(newSecret)?.revoked).toBeFalsy();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(tokenRows(page)).toHaveCount(1);
  const text = await pageText(page);
  expect(text).not.toContain(oldSecret);
  expect(text).not.toContain(newSecret);
});
