// A guided rotation whose new value cannot be checked yet (GitHub not answering) is paused, not
// lost: the dialog, the panel, the row, History and `lapse log` all say so, and it can be resumed
// or its new value discarded.
import type { Page } from '@playwright/test';
import { expect, openWindow } from './support/fixtures.js';
import { detailOf, tokenRow } from './support/flows.js';
import { cliAdd, cliRun, fakeToken, type Vault } from './support/lapse-shell.js';
import { test } from './support/provider-fixtures.js';
import type { GithubEmulator } from '../emulators/github.js';

async function pausedRotation(page: Page, vault: Vault, github: GithubEmulator) {
  const oldSecret = fakeToken('ghp_FAKE');
  const newSecret = fakeToken('ghp_FAKE');
  github.addToken(oldSecret, { login: 'octocat', scopes: ['repo'], expiresAt: null });
  github.addToken(newSecret, { login: 'octocat', scopes: ['repo'], expiresAt: null });
  const id = await cliAdd(vault, oldSecret, [
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
  // GitHub stops answering: the new value cannot be verified.
  github.inject('GET /user', { kind: 'server-error', status: 503 }, { times: 50 });
  await tokenRow(page, 'laptop push').click();
  await detailOf(page, 'laptop push').getByRole('button', { name: 'Rotate…' }).click();
  const dialog = page.getByRole('dialog', { name: "Rotate 'laptop push' at GitHub" });
  await dialog.getByRole('button', { name: 'Rotate by hand' }).click();
  await dialog.getByLabel('New token value').fill(newSecret);
  await dialog.getByRole('button', { name: 'Check and save' }).click();
  await expect(dialog.getByRole('status')).toContainText('Paused — nothing replaced yet');
  await expect(dialog.getByRole('status')).toContainText('could not be verified yet');
  await expect(dialog.getByRole('button', { name: 'Try again now' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Discard the new value' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Decide later' }).click();
  return { id, oldSecret, newSecret };
}

test('a paused rotation shows in the panel, the row, History and lapse log; Resume finishes it once GitHub answers', async ({
  page,
  shell,
  vault,
  github,
}) => {
  await openWindow(page, shell);
  const { id, oldSecret, newSecret } = await pausedRotation(page, vault, github);
  const card = detailOf(page, 'laptop push').getByRole('region', { name: 'Rotation paused' });
  await expect(card).toContainText(
    `Lapse keeps the new value ghp_…${newSecret.slice(-4)} in the keychain; ghp_…${oldSecret.slice(-4)} is still the current one.`,
  );
  await expect(card).toContainText('Why: The new value could not be verified yet');
  await expect(tokenRow(page, 'laptop push')).toContainText('rotation paused');
  const history = detailOf(page, 'laptop push').getByRole('region', { name: 'History' });
  await history.getByRole('button', { name: 'Show history' }).click();
  await expect(history.getByRole('listitem').first()).toContainText(
    /Rotation paused with the new value ghp_…\w{4} kept in the keychain/,
  );
  expect(await cliRun(vault, ['log', id])).toContain('Rotation paused');

  github.clearFaults();
  await card.getByRole('button', { name: 'Resume' }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Rotated');
  await expect(tokenRow(page, 'laptop push')).not.toContainText('rotation paused');
  expect(github.tokenState(oldSecret)?.revoked).toBe(true);
});

test('discarding a paused rotation drops the new value and keeps the current one', async ({
  page,
  shell,
  vault,
  github,
}) => {
  await openWindow(page, shell);
  const { id, oldSecret, newSecret } = await pausedRotation(page, vault, github);
  const card = detailOf(page, 'laptop push').getByRole('region', { name: 'Rotation paused' });
  await card.getByRole('button', { name: 'Discard the new value…' }).click();
  const confirm = page.getByRole('dialog', { name: "Discard the new value of 'laptop push'?" });
  await expect(confirm).toContainText('If you already created that new token at the provider, revoke it there');
  await confirm.getByRole('button', { name: 'Discard it' }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText(
    `Rotation discarded: the new value ghp_…${newSecret.slice(-4)} left the keychain`,
  );
  expect(await cliRun(vault, ['reveal', id])).toBe(`${oldSecret}\n`);
  expect(github.tokenState(oldSecret)?.revoked).toBeFalsy();
});
