import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openWindow, screenshotPath, test } from './support/fixtures.js';
import { detailOf, tokenRow } from './support/flows.js';
import { cliAdd, dayFromNow, fakeToken, type Vault } from './support/lapse-shell.js';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * A token added 20 days ago that expires in 3 days: its 7-day reminder is due now. (The 30-day
 * one is not: the token did not exist 30 days before its expiry.) Resolves to the token's id.
 */
async function addExpiringToken(vault: Vault, label = 'deploy key'): Promise<string> {
  const out = await cliAdd(vault, fakeToken('ghp_'), [
    '--label',
    label,
    '--expires',
    dayFromNow(3),
    '--now',
    daysAgo(20),
    '--json',
  ]);
  return (JSON.parse(out) as { id: string }).id;
}

const reminderBanner = (page: Page) => page.getByRole('region', { name: /reminders? due$/ });

test('a token inside its 7-day lead time shows in the reminders banner, and Snooze 1 day hides it for good', async ({
  page,
  shell,
  vault,
}) => {
  await addExpiringToken(vault);
  await cliAdd(vault, fakeToken('ghp_'), ['--label', 'far away', '--expires', dayFromNow(200)]);
  await openWindow(page, shell);

  const banner = reminderBanner(page);
  await expect(banner.getByRole('heading')).toHaveText('1 reminder due');
  const reminder = banner.getByRole('listitem').filter({ hasText: '"deploy key" expires in' });
  await expect(reminder).toContainText(/It expires on \d{4}-\d\d-\d\d\. Rotate it before then\./);
  await expect(banner).not.toContainText('far away');

  const { violations } = await new AxeBuilder({ page }).include('.reminder-banner').analyze();
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await banner.screenshot({ path: screenshotPath('reminders-banner') });
  await page.screenshot({ path: screenshotPath('reminders-window') });
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await new AxeBuilder({ page }).include('.reminder-banner').analyze();
  expect(dark.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await banner.screenshot({ path: screenshotPath('reminders-banner-dark') });

  await reminder.getByRole('button', { name: 'Snooze 1 day' }).click();
  await expect(banner).toHaveCount(0);
  // The snooze is the service's record, not the page's: a reload does not bring it back.
  await page.reload();
  await page.getByText('Loading tokens…').waitFor({ state: 'detached' });
  await expect(tokenRow(page, 'deploy key')).toBeVisible();
  await expect(reminderBanner(page)).toHaveCount(0);
});

test('Open in the reminders banner opens the token it is about', async ({ page, shell, vault }) => {
  await addExpiringToken(vault);
  await openWindow(page, shell);
  await reminderBanner(page).getByRole('button', { name: 'Open deploy key' }).click();
  await expect(detailOf(page, 'deploy key')).toBeVisible();
  await expect(detailOf(page, 'deploy key').getByRole('heading', { level: 2 })).toBeFocused();
});

// A stand-in for the browser's Notification: records what was shown, keeps the permission in localStorage.
const fakeNotifications = () => {
  const shown: { title: string; body: string }[] = [];
  class FakeNotification {
    static get permission(): NotificationPermission {
      return (localStorage.getItem('fake-permission') as NotificationPermission | null) ?? 'default';
    }
    static requestPermission(): Promise<NotificationPermission> {
      localStorage.setItem('fake-permission', 'granted');
      return Promise.resolve('granted');
    }
    onclick: (() => void) | null = null;
    constructor(title: string, options: { body: string }) {
      shown.push({ title, body: options.body });
    }
    close() {}
  }
  Object.assign(window, { Notification: FakeNotification, shownNotifications: shown });
};

const shownNotifications = (page: Page) =>
  page.evaluate(() => (window as unknown as { shownNotifications: { title: string }[] }).shownNotifications);

test('after "Notify me", the browser shell shows a due reminder as a notification once, not again after a reload', async ({
  page,
  shell,
  vault,
}) => {
  await addExpiringToken(vault);
  await page.addInitScript(fakeNotifications);
  await openWindow(page, shell);
  expect(await shownNotifications(page)).toEqual([]);

  await page.getByRole('button', { name: 'Notify me' }).click();
  await expect(page.getByText('Notifications on')).toBeVisible();
  await expect
    .poll(() => shownNotifications(page))
    .toEqual([expect.objectContaining({ title: expect.stringMatching(/^"deploy key" expires in/) })]);

  const collected = page.waitForResponse((r) => r.url().includes('/api/collectDueReminders'));
  await page.reload();
  const answer = (await (await collected).json()) as { ok: boolean; value: { notification: unknown } };
  expect(answer).toEqual({ ok: true, value: { notification: null } });
  expect(await shownNotifications(page)).toEqual([]);
  // Still due (a notification is not a snooze): the banner keeps it.
  await expect(reminderBanner(page)).toContainText('"deploy key" expires in');
});

test('a notification the desktop app was clicked for opens its token', async ({ page, shell, vault }) => {
  const id = await addExpiringToken(vault, 'release signing');
  await page.addInitScript(() => {
    Object.assign(window, {
      lapseEvents: {
        onOpenToken: (listener: (tokenId: string) => void) => Object.assign(window, { openTokenFromMain: listener }),
      },
    });
  });
  await openWindow(page, shell);
  await page.evaluate(
    (tokenId) => (window as unknown as { openTokenFromMain(id: string): void }).openTokenFromMain(tokenId),
    id,
  );
  await expect(detailOf(page, 'release signing')).toBeVisible();
});
