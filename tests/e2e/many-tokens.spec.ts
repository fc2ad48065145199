import { tokenRecordFrom, type TokenRecord } from '../../shared/model.js';
import { expect, openWindow, test } from './support/fixtures.js';
import { detailOf, tokenRows } from './support/flows.js';
import { writeVaultFile } from './support/seed.js';

const day = 86_400_000;
const providers = ['github', 'gitlab', 'slack', 'npm'] as const;

/** `count` healthy metadata records, a minute apart in expiry from 30 days out: listed as "token 0001"… in that order. */
function records(count: number): TokenRecord[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) =>
    tokenRecordFrom({
      id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      label: `token ${String(i + 1).padStart(4, '0')}`,
      provider: providers[i % providers.length] ?? 'generic',
      kind: 'token',
      account: null,
      scopes: [],
      purpose: '',
      tags: i % 10 === 0 ? ['tenth'] : [],
      baseUrl: null,
      createdAt: new Date(now - day).toISOString(),
      expiresAt: new Date(now + 30 * day + i * 60_000).toISOString(),
      lastVerifiedAt: new Date(now - day).toISOString(),
      lastUsedAt: null,
      lastRotatedAt: null,
      masked: '••••',
      fingerprint: (i + 0x10000000).toString(16).slice(0, 8),
    }),
  );
}

test('a thousand tokens: only the rows in view are rendered, and the keyboard and scrolling still reach every one', async ({
  page,
  shell,
  vault,
}) => {
  await writeVaultFile(vault, records(1000));
  await openWindow(page, shell);
  // The first read of 1,000 records under a loaded CI machine has taken 12.8 s; how fast it is, is
  // bench:ui's to measure, not this test's (it checks what the window shows).
  await expect(page.getByRole('status').filter({ hasText: 'tokens' })).toHaveText('1000 tokens', { timeout: 30_000 });
  // Metadata only, no keychain entries: the check after the first paint finds every secret missing
  // (one keychain search for all 1000) and says so above the list; the order stays by expiry.
  await expect(
    page.getByRole('heading', { name: "The OS keychain holds none of your 1000 tokens' secrets" }),
  ).toBeVisible();
  await expect(tokenRows(page).first()).toContainText('Secret missing');
  const rendered = await tokenRows(page).count();
  expect(rendered).toBeGreaterThan(10);
  expect(rendered).toBeLessThan(40);
  await expect(tokenRows(page).first()).toHaveAttribute('aria-setsize', '1000');

  // The keyboard walks past the rendered rows: End reaches the last token, focused and in view.
  await tokenRows(page).first().focus();
  await page.keyboard.press('End');
  const last = tokenRows(page).filter({ hasText: 'token 1000' });
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await expect(last).toHaveAttribute('aria-posinset', '1000');
  await page.keyboard.press('ArrowUp');
  await expect(tokenRows(page).filter({ hasText: 'token 0999' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(detailOf(page, 'token 0999')).toBeVisible();
  expect(await tokenRows(page).count()).toBeLessThan(40);

  // Scrolling renders what comes into view; Home goes back to the top.
  await tokenRows(page).filter({ hasText: 'token 0999' }).focus();
  await page.keyboard.press('Home');
  await expect(tokenRows(page).filter({ hasText: 'token 0001' })).toBeFocused();
  // Over the list itself (banners above it take a varying height).
  const row = await tokenRows(page).nth(3).boundingBox();
  await page.mouse.move((row?.x ?? 0) + 100, (row?.y ?? 0) + 20);
  await page.mouse.wheel(0, 52 * 300);
  await expect(tokenRows(page).filter({ hasText: 'token 0001' })).toHaveCount(0);
  // Past the few overscan rows above the viewport: a row on screen, from far down the list.
  await expect(tokenRows(page).nth(10)).toBeInViewport();
  await expect(tokenRows(page).nth(10)).toContainText(/token 0[1-9]\d\d/);
  expect(await tokenRows(page).count()).toBeLessThan(40);

  // Filters apply to the whole list, not only the rendered rows.
  await page.getByRole('button', { name: '#tenth: 100' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'tokens' })).toHaveText('100 of 1000 tokens');
  await expect(tokenRows(page).first()).toHaveAttribute('aria-setsize', '100');
});
