import { expect, openWindow, screenshotPath, test } from './support/fixtures.js';
import { detailOf, tokenRow } from './support/flows.js';
import { cliAdd, dayFromNow, fakeToken } from './support/lapse-shell.js';
import { jwtWithClaims } from './support/seed.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

test('a long-lived token with a nominal expiry two years away is flagged as too long-lived, with the numbers and the step', async ({ page, shell, vault }) => {
  await cliAdd(vault, fakeToken('ghp_'), ['--label', 'legacy deploy key', '--expires', dayFromNow(730), '--purpose', 'deploys the old site']);
  await openWindow(page, shell);
  const row = tokenRow(page, 'legacy deploy key');
  await expect(row).toContainText('Too long-lived');
  await expect(row).toContainText(/in 7(29|30) days/);
  await row.click();
  const finding = detailOf(page, 'legacy deploy key').getByRole('listitem').filter({ hasText: 'from creation to expiry' });
  await expect(finding).toContainText(/Lives 7(29|30) days from creation to expiry, beyond the 90-day maximum/);
  await expect(finding).toContainText('Next step: Rotate');
});

test('a CI token (a JWT with a 1-hour exp) counts down in minutes and seconds while expiring, and shows expired after it', async ({ page, shell, vault }) => {
  // Issued almost an hour ago: its last seconds are what the window has to get right.
  const now = nowSeconds();
  await cliAdd(vault, jwtWithClaims({ sub: 'ci', iat: now - 3600 + 8, exp: now + 8, scope: 'deploy' }), ['--label', 'ci deploy', '--scopes', 'deploy']);
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

test('an agent token granted more scopes than its purpose declares is out of scope, and says which to narrow', async ({ page, shell, vault }) => {
  const now = nowSeconds();
  const agent = jwtWithClaims({ sub: 'agent', iat: now, exp: now + 7 * 86_400, scope: 'tickets:read tickets:write admin' });
  await cliAdd(vault, agent, ['--label', 'triage agent', '--scopes', 'tickets:read', '--purpose', 'reads tickets to triage them']);
  await openWindow(page, shell);
  await expect(tokenRow(page, 'triage agent')).toContainText('Out of scope');
  await expect(page.getByRole('button', { name: '1 out of scope' })).toBeVisible();
  await tokenRow(page, 'triage agent').click();
  const finding = detailOf(page, 'triage agent').getByRole('listitem').filter({ hasText: 'Granted' });
  await expect(finding).toContainText('Granted tickets:read, tickets:write, admin; its purpose needs tickets:read.');
  await expect(finding).toContainText('Next step: Narrow its scopes at the provider');
  await page.screenshot({ path: screenshotPath('out-of-scope') });
});
