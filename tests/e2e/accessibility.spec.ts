import { expectNoAxeViolations } from './support/axe.js';
import { expect, openWindow, screenshotPath, test } from './support/fixtures.js';
import { detailOf, tokenRow } from './support/flows.js';
import { fakeJwt, seedSpread } from './support/seed.js';

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on the list, a filtered list, the add form, the overview and settings (${scheme})`, async ({
    page,
    shell,
    vault,
  }) => {
    // Five full axe runs over a busy window: on a shared 2-core machine with two workers this takes about a minute.
    test.setTimeout(150_000);
    await seedSpread(vault);
    await page.emulateMedia({ colorScheme: scheme });
    await openWindow(page, shell);

    await tokenRow(page, 'laptop push').click();
    await expect(detailOf(page, 'laptop push')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: screenshotPath(`window-${scheme}`) });

    await page.getByRole('button', { name: '1 expired' }).click();
    await page.getByRole('button', { name: /^#ops/ }).click();
    await expect(page.getByText('No token matches these filters.')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();

    await page.getByRole('button', { name: 'Add token' }).click();
    const form = page.getByRole('form', { name: 'Add a token' });
    await form.getByLabel('Token value').fill(fakeJwt(30));
    await expect(form.getByText(/Recognised: JWT access token/)).toBeVisible();
    await form.getByLabel('Label', { exact: true }).fill('deploy runner');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: screenshotPath(`add-form-${scheme}`) });
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Overview' }).click();
    await expect(page.getByRole('img', { name: 'Expiry timeline, next 90 days' }).locator('g[data-token]')).toHaveCount(
      6,
    );
    await expectNoAxeViolations(page);
    await page.screenshot({ path: screenshotPath(`overview-${scheme}`), fullPage: true });

    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('form', { name: 'Policy' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: screenshotPath(`settings-${scheme}`) });
  });
}
