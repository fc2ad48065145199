import { expect, leaveThenStop, openWindow, screenshotPath, test } from './support/fixtures.js';
import { detailOf, tokenRow } from './support/flows.js';
import { cliAdd, dayFromNow, fakeToken, startShell } from './support/lapse-shell.js';

test('without a keychain the window says why and what to do, still lists tokens, and adding waits', async ({
  page,
  vault,
}) => {
  // Metadata written while the keychain was there; the shell then starts without a session bus.
  await cliAdd(vault, fakeToken('glpat-', 24), [
    '--label',
    'deploy-bot',
    '--expires',
    dayFromNow(20),
    '--purpose',
    'deploys the site from CI',
  ]);
  const shell = await startShell(vault, { keychain: false });
  try {
    await openWindow(page, shell);

    const banner = page
      .getByRole('alert')
      .filter({ has: page.getByRole('heading', { name: 'The OS keychain is unavailable' }) });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('No D-Bus session bus');
    // The way out for a machine without a desktop, and no "Retry" promise a CLI could not keep.
    await expect(banner).toContainText('scripts/headless-keyring.sh');
    await expect(banner).toContainText('lapse doctor');
    await expect(banner).toContainText('Then try again.');
    // The terminal said it too, at start: not a plain "Lapse is running".
    expect(shell.output()).toContain('Lapse is running READ-ONLY: No D-Bus session bus');
    await expect(banner).toContainText('details stay readable');
    await expect(banner.getByRole('button', { name: 'Retry' })).toBeEnabled();

    // The list is still there: metadata needs no keychain.
    await expect(tokenRow(page, 'deploy-bot')).toContainText(/in (19|20) days/);

    // Adding is disabled, and says why.
    const add = page.getByRole('button', { name: 'Add token' });
    await expect(add).toBeDisabled();
    await expect(add).toHaveAttribute('title', /needs the OS keychain/);
    await page.keyboard.press('n');
    await expect(page.getByRole('form', { name: 'Add a token' })).toHaveCount(0);

    // Details stay readable; Reveal and Copy wait for the keychain, and say so.
    await tokenRow(page, 'deploy-bot').click();
    const detail = detailOf(page, 'deploy-bot');
    await expect(detail.getByText('deploys the site from CI')).toBeVisible();
    await expect(detail.getByRole('button', { name: 'Reveal' })).toBeDisabled();
    await expect(detail.getByRole('button', { name: 'Copy' })).toBeDisabled();
    await expect(detail.getByRole('button', { name: 'Rotate…' })).toBeDisabled();
    await expect(
      detail.getByText('Reveal, Copy, Rotate and Revoke need the OS keychain; see the message at the top.'),
    ).toBeVisible();
    // Deleting only moves the token to Recently deleted (its keychain entry stays): it needs no keychain.
    await expect(detail.getByRole('button', { name: 'Delete…' })).toBeEnabled();
    await page.screenshot({ path: screenshotPath('keychain-unavailable') });

    // Retry asks again; still no keychain, so the banner stays.
    await banner.getByRole('button', { name: 'Retry' }).click();
    await expect(banner.getByRole('button', { name: 'Retry' })).toBeEnabled();
    await expect(banner).toBeVisible();
    expect(shell.output()).not.toMatch(/at .*\.js:\d+/); // no stack traces
  } finally {
    await leaveThenStop(page, shell);
  }
});
