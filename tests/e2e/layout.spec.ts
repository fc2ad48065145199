// The window at the sizes people use it: 1600×1000, 800×600 and 200 % zoom (a 1280×800 window at
// device scale 2, i.e. 640×400 CSS pixels), light and dark. Each size keeps every label readable,
// scrolls nothing sideways, and keeps the detail panel's ✕ on screen. Screenshots go to
// test-results/screenshots/layout-*.png; LAPSE_README_SCREENSHOT=1 also writes docs/screenshot.png.
import type { Page } from '@playwright/test';
import { expect, openWindow, screenshotPath, test } from './support/fixtures.js';
import { detailOf, tokenRow, tokenRows } from './support/flows.js';
import { seedShowcase } from './support/showcase.js';

const sizes = [
  { name: '1600x1000', width: 1600, height: 1000, scale: 1 },
  { name: '800x600', width: 800, height: 600, scale: 1 },
  { name: 'zoom200', width: 640, height: 400, scale: 2 },
] as const;

/** Nothing wider than the window: no sideways scroll anywhere. */
async function noSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.doc, 'the page scrolls sideways').toBeLessThanOrEqual(widths.view);
}

/** An element is fully inside the window. */
async function onScreen(page: Page, what: Parameters<Page['locator']>[0] | ReturnType<Page['locator']>) {
  const box = await (typeof what === 'string' ? page.locator(what) : what).boundingBox();
  const view = page.viewportSize();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(view!.width + 0.5);
}

for (const scheme of ['light', 'dark'] as const) {
  for (const size of sizes) {
    test.describe(`${size.name} ${scheme}`, () => {
      test.use({
        viewport: { width: size.width, height: size.height },
        deviceScaleFactor: size.scale,
        colorScheme: scheme,
      });

      test(`the list, a token's panel and the overview fit (${size.name}, ${scheme})`, async ({
        page,
        shell,
        vault,
      }) => {
        await seedShowcase(vault);
        await openWindow(page, shell);
        await expect(tokenRows(page).first()).toHaveAttribute('aria-setsize', '9');
        // The secret check after first paint marks the token whose keychain entry is gone.
        await expect(tokenRow(page, 'npm publish')).toContainText('Secret missing');
        await page.screenshot({ path: screenshotPath(`layout-${size.name}-${scheme}-list`) });
        await noSidewaysScroll(page);
        // Every label is readable: at least 12 characters' room in every row shown.
        for (const label of await page.locator('.token-label').all())
          expect((await label.boundingBox())!.width).toBeGreaterThan(90);
        // The chips name the worst in one line each.
        const chips = page.getByRole('list', { name: /^Summary/ }).getByRole('button');
        for (const chip of await chips.all()) expect((await chip.boundingBox())!.height).toBeLessThan(30);

        await tokenRow(page, 'laptop push').click();
        const panel = detailOf(page, 'laptop push');
        await expect(panel).toBeVisible();
        await page.screenshot({ path: screenshotPath(`layout-${size.name}-${scheme}-detail`) });
        await onScreen(page, panel.getByRole('button', { name: 'Close details' }));
        await noSidewaysScroll(page);
        if (size.name === '1600x1000' && scheme === 'light' && process.env['LAPSE_README_SCREENSHOT'] === '1') {
          await page.screenshot({ path: 'docs/screenshot.png' });
        }
        await page.keyboard.press('Escape');
        await expect(panel).toHaveCount(0);

        if (size.name === 'zoom200') {
          await page.getByRole('button', { name: 'Menu' }).click();
          await expect(
            page.getByRole('navigation', { name: 'Views and filters' }).getByRole('button', { name: 'Overview' }),
          ).toBeVisible();
          await page.screenshot({ path: screenshotPath(`layout-${size.name}-${scheme}-menu`) });
        }
        await page
          .getByRole('navigation', { name: 'Views and filters' })
          .getByRole('button', { name: 'Overview' })
          .click();
        await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
        await noSidewaysScroll(page);
        // Names in "Next to expire" stay on one line, not a letter per line.
        for (const link of await page.locator('.overview-card a, .overview-card .link-button').all()) {
          const box = await link.boundingBox();
          if (box) expect(box.height).toBeLessThan(40);
        }
        await page.screenshot({ path: screenshotPath(`layout-${size.name}-${scheme}-overview`) });
        await page.locator('.page-pane').evaluate((pane) => pane.scrollTo(0, pane.scrollHeight));
        await page.screenshot({ path: screenshotPath(`layout-${size.name}-${scheme}-overview-end`) });
      });
    });
  }
}
