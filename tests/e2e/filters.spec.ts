import type { Page } from '@playwright/test';
import { expect, openWindow, screenshotPath, test } from './support/fixtures.js';
import { tokenRow, tokenRows } from './support/flows.js';
import { cliAdd, type Vault } from './support/lapse-shell.js';
import { jwtWithClaims, patchRecords, seedTokens } from './support/seed.js';

/** The four seed tokens, plus an agent granted more than it declares (out of scope, tagged ci). */
async function seedWithAgent(vault: Vault) {
  await seedTokens(vault);
  const now = Math.floor(Date.now() / 1000);
  const agent = jwtWithClaims({ sub: 'agent', iat: now, exp: now + 20 * 86_400, scope: 'tickets:read admin' });
  await cliAdd(vault, agent, ['--label', 'triage agent', '--scopes', 'tickets:read', '--tag', 'ci']);
}

const summary = (page: Page) => page.getByRole('list', { name: /^Summary/ });
const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Views and filters' });

test('the summary bar counts what needs a look, and each part shows just those tokens', async ({
  page,
  shell,
  vault,
}) => {
  await seedWithAgent(vault);
  await openWindow(page, shell);
  const parts = summary(page).getByRole('button');
  // Tokens added a minute ago are not stale: stale is left alone too long, not "not verified yet".
  await expect(parts).toHaveText(['1 expired', '1 expiring this week', '1 out of scope']);
  await expect(tokenRows(page)).toHaveCount(5);

  const expired = summary(page).getByRole('button', { name: '1 expired' });
  await expired.click();
  await expect(expired).toHaveAttribute('aria-pressed', 'true');
  await expect(tokenRows(page)).toHaveText([/deploy-bot/]);
  await page.screenshot({ path: screenshotPath('summary-filter') });

  await summary(page).getByRole('button', { name: '1 expiring this week' }).click();
  await expect(expired).toHaveAttribute('aria-pressed', 'false');
  await expect(tokenRows(page)).toHaveText([/laptop push/]); // the agent expires in 20 days: not this week

  await summary(page).getByRole('button', { name: '1 out of scope' }).click();
  await expect(tokenRows(page)).toHaveText([/triage agent/]);

  // Pressing the pressed part again shows every token.
  await summary(page).getByRole('button', { name: '1 out of scope' }).click();
  await expect(summary(page).getByRole('button', { name: '1 out of scope' })).toHaveAttribute('aria-pressed', 'false');
  await expect(tokenRows(page)).toHaveCount(5);
});

test('status, provider and tag filters narrow the list together, and Clear filters brings it all back', async ({
  page,
  shell,
  vault,
}) => {
  await seedWithAgent(vault);
  await openWindow(page, shell);

  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'No expiry (1)' });
  await expect(tokenRows(page)).toHaveText([/npm publish/]);
  await page.getByLabel('Status', { exact: true }).selectOption('');

  await sidebar(page).getByRole('button', { name: 'GitLab: 1' }).click();
  await expect(sidebar(page).getByRole('button', { name: 'GitLab: 1' })).toHaveAttribute('aria-pressed', 'true');
  await expect(tokenRows(page)).toHaveText([/deploy-bot/]);
  await sidebar(page).getByRole('button', { name: 'GitLab: 1' }).click();

  await sidebar(page).getByRole('button', { name: '#ci: 2' }).click();
  await expect(tokenRows(page)).toHaveText([/deploy-bot/, /triage agent/]);
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Out of scope (1)' });
  await expect(tokenRows(page)).toHaveText([/triage agent/]);
  await expect(page.getByRole('status').filter({ hasText: 'of 5 tokens' })).toHaveText('1 of 5 tokens');

  // A filter that lets nothing through says so, and offers the way back.
  await page.getByLabel('Search tokens').fill('laptop');
  await expect(tokenRows(page)).toHaveCount(0);
  await expect(
    page.getByText('No token here matches “laptop” in its label, tags, provider, account, purpose or scopes.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(tokenRows(page)).toHaveCount(5);
  await expect(page.getByLabel('Search tokens')).toHaveValue('');
});

test('the sidebar slices the list: needs action, expiring, stale, revoked; its counts match', async ({
  page,
  shell,
  vault,
}) => {
  await seedWithAgent(vault);
  // One token was added 40 days ago and never verified since: that one is stale.
  const longAgo = new Date(Date.now() - 40 * 86_400_000).toISOString();
  await patchRecords(vault, { 'alerts bot': { addedAt: longAgo } });
  await openWindow(page, shell);
  const nav = sidebar(page);
  await expect(nav.getByRole('button', { name: 'All tokens: 5' })).toHaveAttribute('aria-current', 'page');

  await nav.getByRole('button', { name: 'Needs action: 4' }).click();
  await expect(nav.getByRole('button', { name: 'Needs action: 4' })).toHaveAttribute('aria-current', 'page');
  await expect(tokenRows(page)).toHaveText([/deploy-bot/, /triage agent/, /npm publish/, /laptop push/]);

  await nav.getByRole('button', { name: 'Expiring: 1' }).click();
  await expect(tokenRows(page)).toHaveText([/laptop push/]);

  await nav.getByRole('button', { name: 'Revoked: 0' }).click();
  await expect(page.getByText('No token matches these filters.')).toBeVisible();

  await nav.getByRole('button', { name: 'Stale: 1' }).click();
  await expect(tokenRows(page)).toHaveText([/alerts bot/]);
  await expect(tokenRow(page, 'alerts bot')).toContainText('Unverified');
  await expect(summary(page).getByRole('button', { name: '1 stale' })).toHaveAttribute(
    'title',
    /left alone too long.*a token just added is not stale/,
  );
});

test('the header chips name every critical state: exposed, secret missing, expired, revocation pending', async ({
  page,
  shell,
  vault,
}) => {
  await seedTokens(vault);
  const day = 86_400_000;
  await patchRecords(vault, {
    'npm publish': {
      exposures: [{ file: '/home/dev/site/.env', line: 4, foundAt: new Date(Date.now() - day).toISOString() }],
    },
    'alerts bot': {
      revocation: {
        requestedAt: new Date(Date.now() - day).toISOString(),
        confirmedAt: null,
        method: 'manual',
        target: 'this',
      },
    },
  });
  await openWindow(page, shell);
  await expect(summary(page).getByRole('button')).toHaveText([
    '1 exposed',
    '1 expired',
    '1 revocation pending',
    '1 expiring this week',
  ]);
  await summary(page).getByRole('button', { name: '1 revocation pending' }).click();
  await expect(tokenRows(page)).toHaveText([/alerts bot/]);
});

test('search finds tags, providers, accounts, purposes and scopes; ↓ goes into the results; columns sort', async ({
  page,
  shell,
  vault,
}) => {
  await seedWithAgent(vault);
  await openWindow(page, shell);
  const search = page.getByLabel('Search tokens');
  await search.fill('work');
  await expect(tokenRows(page)).toHaveText([/laptop push/]);
  await search.fill('#ci');
  await expect(tokenRows(page)).toHaveText([/deploy-bot/, /triage agent/]);
  await search.fill('gitlab');
  await expect(tokenRows(page)).toHaveText([/deploy-bot/]);
  await search.fill('publish packages');
  await expect(tokenRows(page)).toHaveText([/npm publish/]);
  await search.fill('read_user');
  await expect(tokenRows(page)).toHaveText([/deploy-bot/]);
  await search.press('ArrowDown');
  await expect(tokenRow(page, 'deploy-bot')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'deploy-bot' })).toBeVisible();
  await page.keyboard.press('Escape');

  await search.fill('');
  const columns = page.getByRole('group', { name: 'Sort the list' });
  await columns.getByRole('button', { name: /^Sort by name/ }).click();
  await expect(tokenRows(page)).toHaveText([/alerts bot/, /deploy-bot/, /laptop push/, /npm publish/, /triage agent/]);
  await columns.getByRole('button', { name: /^Sort by name/ }).click();
  await expect(tokenRows(page)).toHaveText([/triage agent/, /npm publish/, /laptop push/, /deploy-bot/, /alerts bot/]);
  await columns.getByRole('button', { name: /^Sort by expires/ }).click();
  // Soonest first; "never" after every date.
  await expect(tokenRows(page).first()).toContainText('deploy-bot');
  await expect(tokenRows(page).last()).toContainText('npm publish');
  await columns.getByRole('button', { name: /^Sort by status/ }).click();
  await expect(tokenRows(page).first()).toContainText('deploy-bot');
});
