import type { Locator, Page } from '@playwright/test';
import { startSlackEmulator, type SlackEmulator } from '../emulators/slack.js';
import { fakeTokens, randomDigits, randomHex } from '../helpers/fake-tokens.js';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, openWindow, screenshotPath, test as shellTest } from './support/fixtures.js';
import { detailOf, pageText, tokenRow, tokenRows } from './support/flows.js';
import { cliRun, dayFromNow } from './support/lapse-shell.js';

// A Slack app with token rotation on, on 127.0.0.1 in this process, so the test can ask Slack
// itself which access tokens still work.
const test = shellTest.extend<{ slack: SlackEmulator }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
  slack: async ({}, use) => {
    const slack = await startSlackEmulator();
    await use(slack);
    await slack.close();
  },
});

/** Light and dark screenshots of the window with one part scrolled into view. */
async function shootBoth(page: Page, part: Locator, name: string) {
  await part.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath(`${name}-light`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath(`${name}-dark`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a rotating Slack token: the app credentials and refresh token given in the window, Rotate refreshes it, the old access token is left to expire (never auth.revoked: the bot stays)', async ({
  page,
  shell,
  vault,
  slack,
}) => {
  const clientId = `${randomDigits(10)}.${randomDigits(13)}`;
  const clientSecret = `FAKE${randomHex(28)}`;
  const access = fakeTokens.slackRotatingBot();
  const refresh = fakeTokens.slackRefresh();
  slack.addClient(clientId, clientSecret);
  const family = slack.addRefreshToken(
    refresh,
    {
      clientId,
      tokenType: 'bot',
      token: { user: 'release-bot', team: 'Acme', scopes: ['chat:write'], botId: 'B0FAKE01' },
    },
    access,
  );
  await openWindow(page, shell);

  await page.getByRole('button', { name: 'Add token' }).first().click();
  const form = page.getByRole('form', { name: 'Add a token' });
  await form.getByLabel('Token value').fill(access);
  await form.getByLabel('Label', { exact: true }).fill('release notifier');
  await form.getByLabel('Declared scopes').fill('chat:write');
  await form.getByLabel('Expires on').fill(dayFromNow(1));
  await form.getByLabel('Base URL').fill(slack.url);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await tokenRow(page, 'release notifier').click();
  const detail = detailOf(page, 'release notifier');
  await expect(detail).toContainText('rotating bot token');

  const app = detail.getByRole('region', { name: 'Slack app (token rotation)' });
  await expect(app.getByRole('status')).toContainText('no client stored');
  await app.getByLabel('Client id').fill(clientId);
  await app.getByLabel('Client secret').fill(clientSecret);
  await app.getByLabel('Refresh token').fill(refresh);
  await app.getByRole('button', { name: 'Save to keychain' }).click();
  await expect(app.getByRole('status')).toContainText('refresh token stored');
  await expect(app.getByRole('status')).toContainText('with secret');
  // The secrets leave the page once the keychain holds them.
  await expect(app.getByLabel('Client secret')).toHaveValue('');
  await expectNoAxeViolations(page, '.detail');
  await shootBoth(page, app, 'slack-app-credentials');

  await detail.getByRole('button', { name: 'Rotate…' }).click();
  const dialog = page.getByRole('dialog', { name: "Rotate 'release notifier' at Slack" });
  // Before anything is sent: how, and that the old value is left to expire rather than revoked.
  await expect(dialog).toContainText('Slack refresh:');
  await expect(dialog).toContainText('revoking a bot token would deactivate the bot user');
  await dialog.getByRole('button', { name: 'Rotate', exact: true }).click();
  const outcome = dialog.getByRole('status');
  // Checked: the same bot, in the same workspace.
  await expect(outcome.getByRole('definition').first()).toContainText('release-bot');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeVisible();
  await expect(outcome).toContainText('left to expire');
  await expect(outcome).not.toContainText('Authorize again');
  await expect(dialog.getByRole('form', { name: 'Create the replacement' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'dialog');
  await shootBoth(page, dialog, 'slack-rotate-done');

  // At Slack: the old refresh token spent; the old access token never auth.revoked (its bot user stays, in its channels).
  const current = slack.issued.at(-1) ?? '';
  expect(current).toMatch(/^xoxe\.xoxb-/);
  expect(slack.tokenState(access)?.revoked).toBeFalsy();
  expect(slack.botUser('B0FAKE01')).toEqual({ active: true, channels: ['C0FAKE0001'] });
  expect(slack.refreshState(refresh)?.spent).toBe(true);
  expect(slack.liveTokens(family).sort()).toEqual([access, current].sort());
  expect(slack.requests.filter((r) => r.path === '/api/auth.revoke')).toEqual([]);
  await expect(outcome.getByRole('definition').last()).toContainText(current.slice(-4));

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(tokenRows(page)).toHaveCount(1);

  const history = detail.getByRole('region', { name: 'History' });
  await history.getByRole('button', { name: 'Show history' }).click();
  const events = history.locator('.history-event');
  await expect(events.first()).toBeVisible();
  expect(await events.allTextContents()).toEqual(expect.arrayContaining(['rotated', 'added']));
  await shootBoth(page, history, 'slack-rotate-history');

  const [token] = JSON.parse(await cliRun(vault, ['list', '--json'])) as {
    masked: string;
    lastRotatedAt: string | null;
  }[];
  expect(token?.masked.endsWith(current.slice(-4))).toBe(true);
  expect(token?.lastRotatedAt).not.toBeNull();
  const text = await pageText(page);
  for (const secret of [access, refresh, current, clientSecret]) expect(text).not.toContain(secret);
});

test('a long-lived Slack bot token: Revoke warns that its bot user is deactivated; with the app credentials, Rotate exchanges it for a rotating one', async ({
  page,
  shell,
  slack,
}) => {
  const clientId = `${randomDigits(10)}.${randomDigits(13)}`;
  const clientSecret = `FAKE${randomHex(28)}`;
  const longLived = fakeTokens.slackBot();
  slack.addClient(clientId, clientSecret);
  slack.addToken(longLived, { user: 'deploy-bot', team: 'Acme', scopes: ['chat:write'], botId: 'B0FAKE02' });
  await openWindow(page, shell);

  await page.getByRole('button', { name: 'Add token' }).first().click();
  const form = page.getByRole('form', { name: 'Add a token' });
  await form.getByLabel('Token value').fill(longLived);
  await form.getByLabel('Label', { exact: true }).fill('deploy notifier');
  await form.getByLabel('Never expires').check();
  await form.getByLabel('Base URL').fill(slack.url);
  await form.getByRole('button', { name: 'Save' }).click();
  await tokenRow(page, 'deploy notifier').click();
  const detail = detailOf(page, 'deploy notifier');

  // What revoking a bot token does, before the person confirms (and they can still say no).
  await detail.getByRole('button', { name: 'Revoke…' }).click();
  const revoke = page.getByRole('dialog', { name: "Revoke 'deploy notifier' at Slack?" });
  await expect(revoke).toContainText('deactivates its bot user and removes it from its channels');
  await revoke.getByRole('button', { name: 'Cancel' }).click();

  // The service says a Slack token has app credentials: the section is there for this long-lived one too.
  const app = detail.getByRole('region', { name: 'Slack app (token rotation)' });
  await app.getByLabel('Client id').fill(clientId);
  await app.getByLabel('Client secret').fill(clientSecret);
  await app.getByRole('button', { name: 'Save to keychain' }).click();
  await expect(app.getByRole('status')).toContainText('with secret');

  await detail.getByRole('button', { name: 'Rotate…' }).click();
  const dialog = page.getByRole('dialog', { name: "Rotate 'deploy notifier' at Slack" });
  await expect(dialog).toContainText('Slack token exchange:');
  await expect(dialog).toContainText('cannot be turned off again');
  await shootBoth(page, dialog, 'slack-exchange-plan');
  await dialog.getByRole('button', { name: 'Rotate', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText(
    'Exchanged: the new rotating access token and its refresh token are current',
  );
  await shootBoth(page, dialog, 'slack-exchange-done');

  const current = slack.issued.at(-1) ?? '';
  expect(current).toMatch(/^xoxe\.xoxb-/);
  expect(slack.botUser('B0FAKE02')?.active).toBe(true);
  expect(slack.requests.filter((r) => r.path === '/api/auth.revoke')).toEqual([]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(app.getByRole('status')).toContainText('refresh token stored');
  expect(await pageText(page)).not.toContain(clientSecret);
});
