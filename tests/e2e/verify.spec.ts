import type { Locator, Page } from '@playwright/test';
import type { GithubEmulator } from '../emulators/github.js';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, openWindow, screenshotPath } from './support/fixtures.js';
import { detailOf, pageText, tokenRow } from './support/flows.js';
import { cliAdd, fakeToken } from './support/lapse-shell.js';
import { test } from './support/provider-fixtures.js';
import { fakeJwt } from './support/seed.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A classic PAT GitHub knows as octocat's, with one scope more than its purpose declares; added through the CLI. */
async function addGithubToken(github: GithubEmulator, vault: Parameters<typeof cliAdd>[0]): Promise<string> {
  const secret = fakeToken('ghp_');
  github.addToken(secret, { login: 'octocat', scopes: ['repo', 'read:org'], expiresAt: inDays(40) });
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
    '--purpose',
    'push to octo/site from the laptop',
  ]);
  return secret;
}

const providerSection = (page: Page, label: string) => detailOf(page, label).getByRole('region', { name: 'Provider' });

/** The value beside a term of a definition list. */
const factOf = (section: Locator, term: string) =>
  section
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd[1]');

test('Verify asks GitHub and the panel shows the account, the extra scope and that the expiry came from GitHub', async ({
  page,
  shell,
  vault,
  github,
}) => {
  await addGithubToken(github, vault);
  await openWindow(page, shell);
  await tokenRow(page, 'laptop push').click();
  const provider = providerSection(page, 'laptop push');
  await expect(factOf(provider, 'Account')).toHaveText('not verified yet');

  await provider.getByRole('button', { name: 'Verify' }).click();
  const learned = provider.getByRole('list', { name: 'Learned' });
  await expect(learned.getByRole('listitem')).toContainText([
    'account octocat',
    'scopes repo, read:org',
    /^expires \d{4}-\d\d-\d\d \(from GitHub\)$/,
  ]);
  // The button kept focus through the check (busy, not disabled), so the keyboard user is where they were.
  await expect(provider.getByRole('button', { name: 'Verify' })).toBeFocused();

  const granted = provider.getByRole('list', { name: 'Granted scopes' }).getByRole('listitem');
  await expect(granted).toHaveText(['repo', 'read:org beyond its purpose']);
  await expect(provider.getByRole('list', { name: 'Declared scopes' }).getByRole('listitem')).toHaveText(['repo']);
  await expect(factOf(provider, 'Expiry')).toContainText('(from GitHub)');
  await expect(factOf(provider, 'Account')).toHaveText('octocat');
  await expect(factOf(provider, 'Last verified')).not.toHaveText('never');
  // What verify learned changed the token: its account in the list, its extra scope a finding.
  await expect(tokenRow(page, 'laptop push')).toContainText('octocat');
  await expect(detailOf(page, 'laptop push').getByText(/read:org is more than it needs/)).toBeVisible();

  await expectNoAxeViolations(page, '.detail-pane');
  await page
    .getByRole('region', { name: 'Token details' })
    .screenshot({ path: screenshotPath('verify-detail-github') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page, '.detail-pane');
  await page
    .getByRole('region', { name: 'Token details' })
    .screenshot({ path: screenshotPath('verify-detail-github-dark') });
});

test('a token revoked at GitHub shows as Disconnected after Verify', async ({ page, shell, vault, github }) => {
  const secret = await addGithubToken(github, vault);
  await openWindow(page, shell);
  await tokenRow(page, 'laptop push').click();
  const provider = providerSection(page, 'laptop push');
  await provider.getByRole('button', { name: 'Verify' }).click();
  await expect(provider.getByRole('list', { name: 'Learned' })).toBeVisible();

  github.updateToken(secret, { revoked: true });
  await provider.getByRole('button', { name: 'Verify' }).click();
  await expect(provider.getByRole('status').getByText(/^GitHub rejects it \(Bad credentials\)/)).toBeVisible();
  await expect(detailOf(page, 'laptop push').locator('.detail-status')).toContainText('Disconnected');
  await expect(tokenRow(page, 'laptop push')).toContainText('Disconnected');
});

test('a GitHub outage says "Could not verify" with a retry time and never marks the token disconnected', async ({
  page,
  shell,
  vault,
  github,
}) => {
  await addGithubToken(github, vault);
  await openWindow(page, shell);
  await tokenRow(page, 'laptop push').click();
  const provider = providerSection(page, 'laptop push');
  await provider.getByRole('button', { name: 'Verify' }).click();
  await expect(provider.getByRole('list', { name: 'Learned' })).toBeVisible();

  // More 503s than the client retries: the provider is down for this whole verification.
  github.inject('GET /user', { kind: 'server-error', status: 503 }, { times: 10 });
  await provider.getByRole('button', { name: 'Verify' }).click();
  await expect(provider.getByRole('status')).toContainText(/^Could not verify: .+ — retry at \d\d:\d\d$/);
  await expect(tokenRow(page, 'laptop push')).not.toContainText('Disconnected');
  await expect(detailOf(page, 'laptop push').locator('.detail-status')).not.toContainText('Disconnected');
  // The facts the last answer gave still stand.
  await expect(factOf(provider, 'Account')).toHaveText('octocat');
  await page
    .getByRole('region', { name: 'Token details' })
    .screenshot({ path: screenshotPath('verify-detail-outage') });
  // Opened again later, the panel still says what the last check found.
  await page.keyboard.press('Escape');
  await tokenRow(page, 'laptop push').click();
  await expect(factOf(providerSection(page, 'laptop push'), 'Last answer')).toContainText(
    /^Could not verify: .+ — retry at \d\d:\d\d/,
  );
});

test('Verify all asks GitHub and GitLab with progress, skips what it cannot verify, and refreshes the list', async ({
  page,
  shell,
  vault,
  github,
  gitlab,
}) => {
  await addGithubToken(github, vault);
  const gitlabSecret = fakeToken('glpat-', 20);
  // Used 5 minutes ago: GitLab only marks use every 10 minutes, so this check does not hide it.
  gitlab.addToken(gitlabSecret, {
    username: 'alice',
    scopes: ['api', 'read_user'],
    expiresAt: inDays(20).slice(0, 10),
    lastUsedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  });
  await cliAdd(vault, gitlabSecret, [
    '--label',
    'deploy-bot',
    '--provider',
    'gitlab',
    '--base-url',
    gitlab.url,
    '--scopes',
    'api',
    '--expires',
    'never',
  ]);
  const fineGrainedSecret = fakeToken('github_pat_', 82);
  github.addToken(fineGrainedSecret, { login: 'hubot', scopes: null, expiresAt: inDays(60) });
  await cliAdd(vault, fineGrainedSecret, [
    '--label',
    'actions bot',
    '--provider',
    'github',
    '--base-url',
    github.url,
    '--expires',
    'never',
  ]);
  await cliAdd(vault, fakeToken('sk_live_', 24), [
    '--label',
    'billing export',
    '--provider',
    'stripe',
    '--expires',
    'never',
  ]);
  // Slow providers, so the progress can be seen.
  github.latencyMs = 1500;
  gitlab.latencyMs = 600;

  await openWindow(page, shell);
  await page.getByRole('button', { name: 'Verify all' }).click();
  await expect(page.getByRole('button', { name: /^Verifying [0-2] of 3…$/ })).toBeDisabled();
  const summary = page.getByRole('banner').getByRole('status').filter({ hasText: 'Verified' });
  await expect(summary).toHaveText('Verified 3 tokens: 3 accepted · 1 skipped');
  await expect(page.getByRole('button', { name: 'Verify all' })).toBeEnabled();
  await page.getByRole('banner').screenshot({ path: screenshotPath('verify-all-header') });
  await expect(tokenRow(page, 'laptop push')).toContainText('octocat');
  await expect(tokenRow(page, 'deploy-bot')).toContainText('alice');

  await tokenRow(page, 'deploy-bot').click();
  const provider = providerSection(page, 'deploy-bot');
  await expect(provider.getByRole('list', { name: 'Granted scopes' }).getByRole('listitem')).toHaveText([
    'api',
    'read_user beyond its purpose',
  ]);
  await expect(factOf(provider, 'Expiry')).toContainText('(from GitLab)');
  await expect(factOf(provider, 'Last used')).not.toHaveText('not reported');

  await tokenRow(page, 'actions bot').click();
  const fineGrained = providerSection(page, 'actions bot');
  await expect(factOf(fineGrained, 'Account')).toHaveText('hubot');
  await expect(fineGrained.getByRole('list', { name: 'Verification notes' })).toContainText(
    'Fine-grained PAT: GitHub reports no scope list',
  );
  await expect(factOf(fineGrained, 'Scopes')).toContainText('GitHub reports no scope list (see the notes)');

  await tokenRow(page, 'billing export').click();
  const stripe = providerSection(page, 'billing export');
  await expect(stripe.getByRole('button', { name: 'Verify' })).toBeDisabled();
  await expect(
    stripe.getByText('Lapse cannot verify Stripe tokens yet; check this one at Stripe by hand.'),
  ).toBeVisible();
});

test('a JWT without a known issuer says its signature was not checked, and its OAuth client goes to the keychain, never back to the page', async ({
  page,
  shell,
  vault,
}) => {
  await cliAdd(vault, fakeJwt(30), ['--label', 'ci runner', '--provider', 'jwt', '--expires', 'never']);
  await openWindow(page, shell);
  await tokenRow(page, 'ci runner').click();
  const provider = providerSection(page, 'ci runner');
  await expect(factOf(provider, 'Signature')).toHaveText('not checked yet: Verify checks it');
  await provider.getByRole('button', { name: 'Verify' }).click();
  await expect(provider.getByRole('list', { name: 'Learned' })).toContainText('claims read, signature not checked');
  await expect(factOf(provider, 'Signature')).toHaveText(/^Claims only: the signature was not checked/);
  await expect(provider.getByText('(from the JWT)')).toBeVisible();

  const oauth = detailOf(page, 'ci runner').getByRole('region', { name: 'OAuth client' });
  await expect(oauth.getByRole('status')).toHaveText('no client stored · no refresh token stored');
  const clientSecret = fakeToken('client-secret-CANARY-', 24);
  const refreshToken = fakeToken('refresh-CANARY-', 24);
  await oauth.getByLabel('Client id').fill('ci-runner-client');
  await oauth.getByLabel('Client secret').fill(clientSecret);
  await oauth.getByLabel('Refresh token').fill(refreshToken);
  await expect(oauth.getByLabel('Client secret')).toHaveAttribute('type', 'password');
  await oauth.getByRole('button', { name: 'Save to keychain' }).click();
  await expect(oauth.getByRole('status')).toHaveText(
    'client stored (id ci-runner-client, with secret) · refresh token stored — saved to the OS keychain',
  );
  await expect(oauth.getByLabel('Client secret')).toHaveValue('');
  const text = await pageText(page);
  expect(text).not.toContain(clientSecret);
  expect(text).not.toContain(refreshToken);

  await oauth.getByLabel('Client secret').fill(fakeToken('orphan-', 12));
  await oauth.getByRole('button', { name: 'Save to keychain' }).click();
  await expect(oauth.getByRole('alert')).toContainText('a client secret needs its client id');

  await oauth.getByRole('button', { name: 'Forget refresh token' }).click();
  await expect(oauth.getByRole('status')).toHaveText(
    'client stored (id ci-runner-client, with secret) · no refresh token stored',
  );
  await expectNoAxeViolations(page, '.detail-pane');
  await provider.screenshot({ path: screenshotPath('verify-provider-jwt') });
  await oauth.screenshot({ path: screenshotPath('verify-oauth-client') });
});
