import type { Page } from '@playwright/test';
import { expect, openWindow, screenshotPath, test } from './support/fixtures.js';
import { tokenRows } from './support/flows.js';
import { cliAdd, type Vault } from './support/lapse-shell.js';
import { jwtWithClaims, seedTokens } from './support/seed.js';

/** The four seed tokens, plus an agent granted more than it declares (out of scope, tagged ci). */
async function seedWithAgent(vault: Vault) {
  await seedTokens(vault);
  const now = Math.floor(Date.now() / 1000);
  const agent = jwtWithClaims({ sub: 'agent', iat: now, exp: now + 20 * 86_400, scope: 'tickets:read admin' });
  await cliAdd(vault, agent, ['--label', 'triage agent', '--scopes', 'tickets:read', '--tag', 'ci']);
}

const summary = (page: Page) => page.getByRole('list', { name: /^Summary/ });
const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Views and filters' });

test('the summary bar counts what needs a look, and each part shows just those tokens', async ({ page, shell, vault }) => {
  await seedWithAgent(vault);
  await openWindow(page, shell);
  const parts = summary(page).getByRole('button');
  await expect(parts).toHaveText(['1 expired', '1 expiring this week', '5 stale', '1 out of scope']);
  await expect(parts.filter({ hasText: 'stale' })).toHaveAttribute('title', /rotation overdue, unverified .*unused, never expires, or lives longer than the policy allows/);
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

test('status, provider and tag filters narrow the list together, and Clear filters brings it all back', async ({ page, shell, vault }) => {
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
  await expect(page.getByText('No token label contains “laptop” here.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(tokenRows(page)).toHaveCount(5);
  await expect(page.getByLabel('Search tokens')).toHaveValue('');
});

test('the sidebar slices the list: needs action, expiring, stale, revoked; its counts match', async ({ page, shell, vault }) => {
  await seedWithAgent(vault);
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

  await nav.getByRole('button', { name: 'Stale: 5' }).click();
  await expect(tokenRows(page)).toHaveCount(5);
});
