import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startGithubEmulator, type GithubEmulator } from '../emulators/github.js';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, leaveThenStop, openWindow, screenshotPath, test } from './support/fixtures.js';
import { detailOf, pageText, tokenRow, tokenRows } from './support/flows.js';
import { cliAdd, dayFromNow, fakeToken, startShell } from './support/lapse-shell.js';
import { jwtWithClaims } from './support/seed.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

test('a long-lived token with a nominal expiry two years away is flagged as too long-lived, with the numbers and the step', async ({
  page,
  shell,
  vault,
}) => {
  await cliAdd(vault, fakeToken('ghp_'), [
    '--label',
    'legacy deploy key',
    '--expires',
    dayFromNow(730),
    '--purpose',
    'deploys the old site',
  ]);
  await openWindow(page, shell);
  const row = tokenRow(page, 'legacy deploy key');
  await expect(row).toContainText('Too long-lived');
  await expect(row).toContainText(/in 7(29|30) days/);
  await row.click();
  const finding = detailOf(page, 'legacy deploy key')
    .getByRole('listitem')
    .filter({ hasText: 'from creation to expiry' });
  await expect(finding).toContainText(/Lives 7(29|30) days from creation to expiry, beyond the 90-day maximum/);
  await expect(finding).toContainText('Next step: Rotate');
});

test('a CI token (a JWT with a 1-hour exp) counts down in minutes and seconds while expiring, and shows expired after it', async ({
  page,
  shell,
  vault,
}) => {
  // Issued almost an hour ago: its last seconds are what the window has to get right.
  const now = nowSeconds();
  await cliAdd(vault, jwtWithClaims({ sub: 'ci', iat: now - 3600 + 8, exp: now + 8, scope: 'deploy' }), [
    '--label',
    'ci deploy',
    '--scopes',
    'deploy',
  ]);
  await page.clock.install();
  await openWindow(page, shell);
  const row = tokenRow(page, 'ci deploy');
  await expect(row).toContainText('Expiring');
  await expect(row.locator('time')).toHaveText(/^in \d s$/);
  await row.click();
  await expect(detailOf(page, 'ci deploy').getByText(/^Expires in \d s, on /)).toBeVisible();

  // Past its exp: the countdown flips at once; the status follows as soon as the service agrees.
  await page.clock.fastForward(10_000);
  await expect(row.locator('time')).toHaveText(/^expired \d+ s ago$/);
  await expect(row).toContainText('Expired', { timeout: 15_000 });
  await expect(detailOf(page, 'ci deploy').getByText(/^Expired \d+ s ago, on /)).toBeVisible();
  await expect(page.getByRole('button', { name: '1 expired' })).toBeVisible();
});

test('a 1-hour JWT fresh from CI reads "in 59 min 5x s" and ticks every second', async ({ page, shell, vault }) => {
  const now = nowSeconds();
  await cliAdd(vault, jwtWithClaims({ sub: 'ci', iat: now, exp: now + 3600 }), ['--label', 'ci fresh']);
  await page.clock.install();
  await openWindow(page, shell);
  const time = tokenRow(page, 'ci fresh').locator('time');
  await expect(time).toHaveText(/^in 59 min \d+ s$/);
  const before = await time.textContent();
  await page.clock.fastForward(1_000);
  await expect(time).not.toHaveText(before ?? '');
  await page.clock.fastForward(20 * 60_000);
  await expect(time).toHaveText(/^in 3\d min \d+ s$/);
});

test('an agent token granted more scopes than its purpose declares is out of scope, and says which to narrow', async ({
  page,
  shell,
  vault,
}) => {
  const now = nowSeconds();
  const agent = jwtWithClaims({
    sub: 'agent',
    iat: now,
    exp: now + 7 * 86_400,
    scope: 'tickets:read tickets:write admin',
  });
  await cliAdd(vault, agent, [
    '--label',
    'triage agent',
    '--scopes',
    'tickets:read',
    '--purpose',
    'reads tickets to triage them',
  ]);
  await openWindow(page, shell);
  await expect(tokenRow(page, 'triage agent')).toContainText('Out of scope');
  await expect(page.getByRole('button', { name: '1 out of scope' })).toBeVisible();
  await tokenRow(page, 'triage agent').click();
  const finding = detailOf(page, 'triage agent').getByRole('listitem').filter({ hasText: 'Granted' });
  await expect(finding).toContainText('Granted tickets:read, tickets:write, admin; its purpose needs tickets:read.');
  await expect(finding).toContainText('Next step: Narrow its scopes at the provider');
  await page.screenshot({ path: screenshotPath('out-of-scope') });
});

// GitHub on 127.0.0.1 in this process, so the test can ask it whether the old value is dead.
const withGithub = test.extend<{ github: GithubEmulator }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
  github: async ({}, use) => {
    const github = await startGithubEmulator();
    await use(github);
    await github.close();
  },
});

withGithub(
  'a token found exposed by a scan is rotated by hand, the old one revoked at GitHub, and the log shows exposed, rotated, revoked',
  async ({ page, vault, github }) => {
    const oldSecret = fakeToken('ghp_FAKE');
    const newSecret = fakeToken('ghp_FAKE');
    github.addToken(oldSecret, { login: 'octocat', scopes: ['repo'], expiresAt: null });
    github.addToken(newSecret, { login: 'octocat', scopes: ['repo'], expiresAt: null });
    await cliAdd(vault, oldSecret, [
      '--label',
      'site deploy',
      '--provider',
      'github',
      '--base-url',
      github.url,
      '--scopes',
      'repo',
      '--expires',
      dayFromNow(30),
    ]);
    // Someone pasted it into a project's .env: a home of the test's own, so the scan finds only that.
    const home = await mkdtemp(path.join(os.tmpdir(), 'lapse-e2e-home-'));
    const project = path.join(home, 'code', 'site');
    await mkdir(project, { recursive: true });
    await writeFile(path.join(project, '.env'), `PORT=8080\nGITHUB_TOKEN=${oldSecret}\n`);
    const shell = await startShell(vault, { env: { HOME: home } });
    try {
      await openWindow(page, shell);
      await expect(tokenRow(page, 'site deploy')).not.toContainText('Exposed');

      await page.getByRole('button', { name: 'Discover', exact: true }).click();
      const form = page.getByRole('form', { name: 'Where to look' });
      await form.getByLabel('Folders to scan too').fill(project);
      await form.getByRole('button', { name: 'Scan' }).click();
      const found = page
        .getByRole('table', { name: 'Plaintext tokens found' })
        .locator('tbody tr')
        .filter({ hasText: '.env' });
      await expect(found).toContainText('In the vault as “site deploy”');

      // Back in the list: the token says it is exposed, where, and what to do.
      await page.getByRole('button', { name: /^All tokens/ }).click();
      const row = tokenRow(page, 'site deploy');
      await expect(row).toContainText('Exposed');
      await row.click();
      const detail = detailOf(page, 'site deploy');
      const finding = detail.getByRole('listitem').filter({ hasText: 'found in plaintext' });
      await expect(finding).toContainText(`${project}/.env:2`);
      await expect(finding).toContainText('Next step: Rotate');
      await page.screenshot({ path: screenshotPath('seed-exposed-light') });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: screenshotPath('seed-exposed-dark') });
      await page.emulateMedia({ colorScheme: 'light' });

      await detail.getByRole('button', { name: 'Rotate…' }).click();
      const dialog = page.getByRole('dialog', { name: "Rotate 'site deploy' at GitHub" });
      // GitHub has no rotation API: Rotate turns into the guide.
      await dialog.getByRole('button', { name: 'Rotate', exact: true }).click();
      const guide = dialog.getByRole('form', { name: 'Create the replacement' });
      await expect(
        guide.getByRole('list', { name: 'Give it the scopes the old one has:' }).getByRole('listitem'),
      ).toHaveText(['repo']);
      await guide.getByLabel('New token value').fill(newSecret);
      await guide.getByRole('button', { name: 'Check and save' }).click();
      await expect(dialog.getByRole('status').getByRole('definition').first()).toHaveText('octocat');
      await expect(dialog.getByRole('status')).not.toContainText('still live');
      await expectNoAxeViolations(page);
      expect(github.tokenState(oldSecret)?.revoked).toBe(true);
      expect(github.tokenState(newSecret)?.revoked).toBeFalsy();
      await dialog.getByRole('button', { name: 'Close' }).click();

      // One token, no longer exposed: the plaintext copy is of the old, dead value.
      await expect(tokenRows(page)).toHaveCount(1);
      await expect(row).not.toContainText('Exposed');
      await expect(detail.getByRole('listitem').filter({ hasText: 'found in plaintext' })).toHaveCount(0);
      const history = detail.getByRole('region', { name: 'History' });
      await history.getByRole('button', { name: 'Show history' }).click();
      const events = history.locator('.history-event');
      await expect(events.first()).toBeVisible();
      const order = await events.allTextContents();
      // Newest first: revoked, then rotated, then exposed, each once at least, and added last.
      expect(order.indexOf('revoked')).toBeGreaterThanOrEqual(0);
      expect(order.indexOf('revoked')).toBeLessThan(order.indexOf('rotated'));
      expect(order.indexOf('rotated')).toBeLessThan(order.indexOf('exposed'));
      expect(order.at(-1)).toBe('added');
      await history.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('seed-exposed-rotated-history-light') });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: screenshotPath('seed-exposed-rotated-history-dark') });
      const text = await pageText(page);
      expect(text).not.toContain(oldSecret);
      expect(text).not.toContain(newSecret);
    } finally {
      await leaveThenStop(page, shell);
      await rm(home, { recursive: true, force: true });
    }
  },
);
