import { test as base, expect, type Page } from '@playwright/test';
import { freshVault, removeVault, startShell, type Shell, type Vault } from './lapse-shell.js';

/**
 * Each test gets its own vault folder, keychain service and `lapse serve`, torn down after; and
 * fails if the page logged an error or broke its Content-Security-Policy.
 */
export const test = base.extend<{ vault: Vault; shell: Shell; pageErrors: void }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use();
      expect(errors, 'errors in the page console').toEqual([]);
    },
    { auto: true },
  ],
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
  vault: async ({}, use) => {
    const vault = await freshVault();
    await use(vault);
    await removeVault(vault);
  },
  shell: async ({ vault, page }, use) => {
    const shell = await startShell(vault);
    await use(shell);
    // Leave the page first: a background refresh cut off by the shell stopping is not the page's error.
    await page.goto('about:blank').catch(() => undefined);
    await shell.stop();
  },
});

export { expect };

/** Open the window the shell serves and wait until the list (or the empty state) is there. */
export async function openWindow(page: Page, shell: Shell): Promise<void> {
  await page.goto(shell.url);
  await page.getByRole('heading', { name: 'Lapse', level: 1 }).waitFor();
  await page.getByText('Loading tokens…').waitFor({ state: 'detached' });
}

export const screenshotPath = (name: string) => `test-results/screenshots/${name}.png`;
