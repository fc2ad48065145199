// What the CLI does reaches an open window at once (the browser shell streams changes with fetch,
// carrying the page's own credentials): no reload, no polling.
import { expect, openWindow, test } from './support/fixtures.js';
import { detailOf, tokenRow, tokenRows } from './support/flows.js';
import { cliAdd, cliRun, dayFromNow, fakeToken } from './support/lapse-shell.js';

test('a token the CLI adds, edits and deletes appears, changes and goes in the open window without a reload', async ({
  page,
  shell,
  vault,
}) => {
  await openWindow(page, shell);
  await expect(page.getByRole('heading', { name: 'No tokens yet' })).toBeVisible();
  let navigations = 0;
  page.on('framenavigated', () => navigations++);

  const id = await cliAdd(vault, fakeToken('ghp_'), ['--label', 'from the terminal', '--expires', dayFromNow(20)]);
  await expect(tokenRow(page, 'from the terminal')).toBeVisible();
  await tokenRow(page, 'from the terminal').click();
  await cliRun(vault, ['edit', id, '--purpose', 'pushed by a script']);
  await expect(detailOf(page, 'from the terminal').getByText('pushed by a script')).toBeVisible();
  // History (the audit log) follows too, while it is open.
  const history = detailOf(page, 'from the terminal').getByRole('region', { name: 'History' });
  await history.getByRole('button', { name: 'Show history' }).click();
  await expect(history.getByRole('listitem').first()).toContainText('Changed');
  await cliRun(vault, ['edit', id, '--tag', 'scripted']);
  await expect(tokenRow(page, 'from the terminal')).toContainText('#scripted');
  await expect(history.getByRole('listitem').filter({ hasText: 'Changed tags' })).toHaveCount(1);
  await cliRun(vault, ['rm', id, '--yes']);
  await expect(tokenRows(page)).toHaveCount(0);
  expect(navigations).toBe(0);
});

test('the change stream is guarded like every call: no launch key, no stream', async ({ shell, playwright }) => {
  // A client without the page's credentials (a fresh request context: no cookie, no key header).
  const stranger = await playwright.request.newContext();
  const res = await stranger.get(`${new URL(shell.url).origin}/api/events`);
  expect(res.status()).toBe(401);
  await stranger.dispose();
});
