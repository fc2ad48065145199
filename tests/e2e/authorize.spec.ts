import type { BrowserContext, Page } from '@playwright/test';
import { startOidcEmulator, type OidcEmulator } from '../emulators/oidc.js';
import { expect, openWindow, screenshotPath, test as shellTest } from './support/fixtures.js';
import { detailOf, tokenRow } from './support/flows.js';
import { cliRun } from './support/lapse-shell.js';

// The seed's stories, with a real OAuth server (oidc-provider, its dev login and consent pages) and
// the window in Chromium: an agent's token scoped to one tool must be reauthorized before it can
// call a different system; a CI token refreshes only during an approved build window.

const test = shellTest.extend<{ oidc: OidcEmulator }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
  oidc: async ({}, use) => {
    const oidc = await startOidcEmulator({ device: { interval: 1 } });
    await use(oidc);
    await oidc.close();
  },
});

/** The issuer's page Lapse opened in a new tab: sign in, then consent; the tab lands on Lapse's listener. */
async function approveInTab(context: BrowserContext, opened: Promise<Page>, login: string): Promise<void> {
  const tab = await opened;
  await tab.waitForLoadState('domcontentloaded');
  await expect(tab.getByRole('button', { name: 'Sign-in' })).toBeVisible();
  await tab.locator('input[name="login"]').fill(login);
  await tab.locator('input[name="password"]').fill('any password');
  await tab.getByRole('button', { name: 'Sign-in' }).click();
  await tab.getByRole('button', { name: 'Continue' }).click();
  await expect(tab.getByRole('heading', { name: 'Lapse got the authorization' })).toBeVisible();
  await tab.close();
  void context;
}

async function openAuthorize(page: Page) {
  await page.getByRole('button', { name: 'Add token' }).click();
  await page.getByRole('button', { name: 'Sign in to get a new token instead…' }).click();
  return page.getByRole('dialog', { name: 'Authorize a new OAuth token' });
}

test('the agent story: a token scoped to one tool is reauthorized before it can call another system; the old grant is dead', async ({
  page,
  shell,
  oidc,
  context,
}) => {
  await openWindow(page, shell);
  const dialog = await openAuthorize(page);
  await dialog.getByLabel('Issuer URL').fill(oidc.issuer);
  await dialog.getByLabel('Client id').fill(oidc.nativeClient.id);
  await dialog.getByLabel('Client secret (none for a public client)').fill(oidc.nativeClient.secret);
  await dialog.getByLabel('Scopes (its purpose)').fill('api:read');
  await dialog.getByLabel('Label').fill('agent: search tool');
  const firstTab = context.waitForEvent('page');
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog.getByRole('status')).toContainText('Sign in and approve Lapse');
  await approveInTab(context, firstTab, 'agent-alice');
  await expect(dialog.getByRole('status')).toContainText('Authorized — Authorized: "agent: search tool"');
  await dialog.getByRole('button', { name: 'Show the token' }).click();

  await tokenRow(page, 'agent: search tool').click();
  const detail = detailOf(page, 'agent: search tool');
  await expect(detail).toContainText('agent-alice');
  await expect(detail).toContainText('api:read');
  const oldTokens = oidc.issued.at(-1);

  // The agent must now write to another system: reauthorize, asking for that scope instead.
  await detail.getByRole('button', { name: 'Reauthorize…' }).click();
  const reauthorize = page.getByRole('dialog', { name: /^Reauthorize 'agent: search tool' at / });
  await reauthorize.getByLabel('Scopes to ask for').fill('api:write');
  // Least privilege: asking beyond the purpose is a warning first, and Sign in waits for the person's yes.
  await expect(reauthorize.getByRole('alert')).toContainText("api:write is beyond this token's declared purpose");
  await expect(reauthorize.getByRole('button', { name: 'Sign in' })).toHaveAttribute('aria-disabled', 'true');
  await reauthorize.screenshot({ path: screenshotPath('reauthorize-wider-warning') });
  await reauthorize.getByLabel('Ask for more anyway (the purpose widens)').check();
  // The issuer's sign-in session from the first grant has ended (here: its cookies cleared), so it issues a new grant
  // rather than widening the one it has.
  await context.clearCookies();
  const secondTab = context.waitForEvent('page');
  await reauthorize.getByRole('button', { name: 'Sign in' }).click();
  await approveInTab(context, secondTab, 'agent-alice');
  await expect(reauthorize.getByRole('status')).toContainText(
    'Reauthorized — Reauthorized: "agent: search tool" holds api:write, verified; the old grant is revoked and confirmed dead.',
  );
  await reauthorize.screenshot({ path: screenshotPath('reauthorize-done') });
  await reauthorize.getByRole('button', { name: 'Close' }).click();

  // The old grant is dead at the issuer; the new one holds exactly what was asked.
  expect(await oidc.introspect(oldTokens?.access_token ?? '')).toEqual({ active: false });
  expect(await oidc.introspect(oldTokens?.refresh_token ?? '')).toEqual({ active: false });
  expect(await oidc.introspect(oidc.issued.at(-1)?.access_token ?? '')).toMatchObject({
    active: true,
    scope: 'api:write',
  });
  await expect(detail).toContainText('api:write');
  await detail.getByRole('button', { name: 'Show history' }).click();
  await expect(detail.getByRole('region', { name: 'History' })).toContainText('Reauthorized with api:write');
});

test('the CI story: issued by device code, refreshed only inside its approved build window', async ({
  page,
  shell,
  vault,
  oidc,
}) => {
  await openWindow(page, shell);
  const dialog = await openAuthorize(page);
  await dialog.getByLabel('Issuer URL').fill(oidc.issuer);
  await dialog.getByLabel('Client id').fill(oidc.nativeClient.id);
  await dialog.getByLabel('Client secret (none for a public client)').fill(oidc.nativeClient.secret);
  await dialog.getByLabel('Scopes (its purpose)').fill('api:read');
  await dialog.getByLabel('Label').fill('ci deploy');
  await dialog.getByLabel('With a code on another device').check();
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  const code = (await dialog.locator('.authorize-code code').textContent()) ?? '';
  expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
  await expect(dialog.getByRole('link', { name: `${oidc.url}/device` })).toBeVisible();
  await dialog.screenshot({ path: screenshotPath('authorize-device-code') });
  // The build machine's operator approves on another device.
  await oidc.approveDevice(code, 'ci-bot');
  await expect(dialog.getByRole('status')).toContainText('Authorized — Authorized: "ci deploy"');
  await dialog.getByRole('button', { name: 'Show the token' }).click();
  await tokenRow(page, 'ci deploy').click();
  const detail = detailOf(page, 'ci deploy');
  await expect(detail).toContainText('ci-bot');

  // Its build window is a day that is not today: no refresh now, and the token says so.
  const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  const notToday = days[(new Date().getUTCDay() + 2) % 7] ?? 'sun';
  const id = JSON.parse(await cliRun(vault, ['list', '--json'])) as { id: string }[];
  await cliRun(vault, ['policy', 'set', 'refreshDays', notToday, '--token', id[0]?.id ?? '']);
  await cliRun(vault, ['policy', 'set', 'refreshHours', '08:00-20:00', '--token', id[0]?.id ?? '']);
  await page.reload();
  await tokenRow(page, 'ci deploy').click();
  await expect(detail).toContainText(
    `Due for a refresh, but the policy lets Lapse refresh it only on ${notToday}, 08:00-20:00 UTC`,
  );
  const before = oidc.requests.filter((r) => r.path === '/token').length;
  await detail.getByRole('button', { name: 'Rotate…' }).click();
  const rotate = page.getByRole('dialog', { name: /^Rotate 'ci deploy' at / });
  await expect(rotate).toContainText('Refused now: The policy lets Lapse refresh it only on');
  await rotate.getByRole('button', { name: 'Rotate', exact: true }).click();
  await expect(rotate.getByRole('alert')).toContainText('Not refreshed: The policy lets Lapse refresh it only on');
  await rotate.screenshot({ path: screenshotPath('refresh-window-refused') });
  expect(oidc.requests.filter((r) => r.path === '/token').length).toBe(before);
  await rotate.getByRole('button', { name: 'Cancel' }).click();

  // Inside the window (every day, all day) the refresh goes through.
  await cliRun(vault, ['policy', 'set', 'refreshDays', 'any', '--token', id[0]?.id ?? '']);
  await cliRun(vault, ['policy', 'set', 'refreshHours', 'any', '--token', id[0]?.id ?? '']);
  await page.reload();
  await tokenRow(page, 'ci deploy').click();
  await detail.getByRole('button', { name: 'Rotate…' }).click();
  await rotate.getByRole('button', { name: 'Rotate', exact: true }).click();
  await expect(rotate.getByRole('status').first()).toContainText('Refreshed');
});

test('Settings: a refresh window for every token, checked as the CLI checks it', async ({ page, shell, vault }) => {
  await openWindow(page, shell);
  await page.getByRole('button', { name: 'Settings' }).click();
  const form = page.locator('.settings-form');
  await form.getByLabel('Days', { exact: true }).fill('mon-fri');
  await form.getByLabel('Hours (UTC)').fill('8-20');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText(
    'Refresh hours takes any, or a span of UTC hours as HH:MM-HH:MM, e.g. 08:00-20:00.',
  );
  await form.getByLabel('Hours (UTC)').fill('08:00-20:00');
  await form.getByLabel('Only if verified within (days, 0: off)').fill('7');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved. Every token is now judged by these rules.');
  await form.locator('.refresh-window').screenshot({ path: screenshotPath('settings-refresh-window') });
  const shown = JSON.parse(await cliRun(vault, ['policy', 'show', '--json'])) as { overrides: Record<string, unknown> };
  expect(shown.overrides).toMatchObject({ refreshDays: 'mon-fri', refreshHours: '08:00-20:00', refreshTrustDays: 7 });
});
