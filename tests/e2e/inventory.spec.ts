import { expectNoAxeViolations } from './support/axe.js';
import { expect, openWindow, screenshotPath } from './support/fixtures.js';
import { pageText } from './support/flows.js';
import { cliAdd, fakeToken } from './support/lapse-shell.js';
import { test } from './support/provider-fixtures.js';

const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

test('Inventory shows the GitLab and npm tokens the accounts have beyond Lapse, with staleness, and revokes one of each (npm asking for its code)', async ({
  page,
  shell,
  vault,
  gitlab,
  npm,
}) => {
  const ci = fakeToken('glpat-', 20);
  const laptop = fakeToken('glpat-', 20);
  gitlab.addToken(ci, {
    username: 'alice',
    userId: 4242,
    name: 'lapse-ci',
    scopes: ['api'],
    lastUsedAt: ago(2),
    createdAt: ago(40),
  });
  gitlab.addToken(laptop, {
    username: 'alice',
    userId: 4242,
    name: 'old-laptop',
    scopes: ['api', 'write_repository'],
    lastUsedAt: ago(140),
    createdAt: ago(300),
  });
  gitlab.addToken(fakeToken('glpat-', 20), {
    username: 'alice',
    userId: 4242,
    name: 'renovate',
    scopes: ['read_api'],
    lastUsedAt: ago(1),
    createdAt: ago(30),
  });
  gitlab.addToken(fakeToken('glpat-', 20), {
    username: 'alice',
    userId: 4242,
    name: 'experiment',
    scopes: ['read_api'],
    lastUsedAt: null,
    createdAt: ago(100),
  });
  gitlab.addToken(fakeToken('glpat-', 20), {
    username: 'alice',
    userId: 4242,
    name: 'retired',
    scopes: ['api'],
    revoked: true,
    createdAt: ago(500),
  });
  const publish = fakeToken('npm_FAKE', 32);
  const stray = fakeToken('npm_FAKE', 32);
  npm.addToken(publish, { username: 'publisher', created: ago(5) });
  npm.addToken(stray, { username: 'publisher', created: ago(200), cidr: ['192.0.2.0/24'] });
  npm.setTwoFactor('publisher', 'auth-and-writes', '314159');
  await cliAdd(vault, ci, [
    '--label',
    'CI deploys',
    '--provider',
    'gitlab',
    '--base-url',
    gitlab.url,
    '--expires',
    'never',
  ]);
  await cliAdd(vault, publish, [
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

  await page.getByRole('navigation', { name: 'Views and filters' }).getByRole('button', { name: 'Inventory' }).click();
  const view = page.getByRole('region', { name: 'Inventory' });
  await expect(view.getByRole('status')).toContainText('Nothing read yet');
  await view.getByRole('button', { name: 'Read the accounts’ token lists' }).click();
  await expect(view.getByRole('heading', { name: '4 tokens on 2 accounts not in Lapse.' })).toBeFocused();

  const alice = view.getByRole('region', { name: /^GitLab · alice/ });
  await expect(alice).toContainText("3 more GitLab tokens on alice's account; 2 unused for 30 days or more.");
  await expect(alice).toContainText('Listed with “CI deploys”');
  const rows = alice.getByRole('row');
  await expect(rows.filter({ hasText: 'old-laptop' })).toContainText('unused for 140 days');
  await expect(rows.filter({ hasText: 'experiment' })).toContainText('never used, created 100 days ago');
  await expect(rows.filter({ hasText: 'lapse-ci' })).toContainText('CI deploys');
  await expect(rows.filter({ hasText: 'retired' })).toContainText('Revoked');
  await expect(rows.filter({ hasText: 'retired' }).getByRole('button')).toHaveCount(0);
  const publisher = view.getByRole('region', { name: /^npm · publisher/ });
  await expect(publisher).toContainText("1 more npm token on publisher's account; 1 older than 90 days.");
  await expect(publisher).toContainText('npm does not say when a token was last used');
  await expect(publisher.getByRole('row').filter({ hasText: 'Not in Lapse' })).toContainText('from 192.0.2.0/24');
  await expectNoAxeViolations(page);
  await view.screenshot({ path: screenshotPath('inventory-listed') });

  // GitLab: confirm, revoke with the api token, GitLab's list shows it revoked.
  await rows.filter({ hasText: 'old-laptop' }).getByRole('button', { name: 'Revoke old-laptop…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke “old-laptop”?' });
  await expect(dialog).toContainText("only once GitLab's own list shows it revoked or gone");
  await dialog.screenshot({ path: screenshotPath('inventory-confirm') });
  await dialog.getByRole('button', { name: 'Revoke it' }).click();
  await expect(alice.getByRole('status').filter({ hasText: /^Revoked: GitLab now lists "old-laptop"/ })).toBeVisible();
  expect(gitlab.tokenState(laptop)?.revoked).toBe(true);
  await expect(alice).toContainText("2 more GitLab tokens on alice's account; 1 unused for 30 days or more.");
  await expect(alice.getByRole('row').filter({ hasText: 'old-laptop' })).toContainText('Revoked');

  // npm: the delete needs a one-time code; nothing is deleted until it is given.
  await publisher
    .getByRole('row')
    .filter({ hasText: 'Not in Lapse' })
    .getByRole('button', { name: /^Revoke/ })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke it' }).click();
  const form = publisher.getByRole('form');
  await expect(form).toContainText('Nothing revoked yet — a one-time code is needed.');
  expect(npm.deleted(stray)).toBe(false);
  await expectNoAxeViolations(page);
  await publisher.screenshot({ path: screenshotPath('inventory-npm-otp') });
  await form.getByLabel('One-time code').fill('314159');
  await form.getByRole('button', { name: 'Revoke with this code' }).click();
  await expect(publisher.getByRole('status').filter({ hasText: /no longer lists/ })).toContainText('up to an hour');
  expect(npm.deleted(stray)).toBe(true);
  expect(npm.deleted(publish)).toBe(false);
  await expect(publisher).toContainText("Every active npm token on publisher's account is in Lapse.");
  await view.screenshot({ path: screenshotPath('inventory-after') });
  const text = await pageText(page);
  for (const secret of [ci, laptop, publish, stray]) expect(text).not.toContain(secret);
});
