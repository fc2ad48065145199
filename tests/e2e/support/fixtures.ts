import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { registerPlace, sweepRoot } from './canary-registry.js';
import { freshVault, startShell, type Shell, type Vault } from './lapse-shell.js';

/** A file for the canary sweep (after the whole run) to read: what a test left behind. */
function keepForSweep(folder: string, testId: string, text: string, what: string): void {
  const dir = path.join(sweepRoot, folder);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${testId}.txt`);
  writeFileSync(file, text, { mode: 0o600 });
  registerPlace(file, what);
}

/**
 * Each test gets its own vault folder, keychain service and `lapse serve`, torn down after; and
 * fails if the page logged an error or broke its Content-Security-Policy. What it leaves (the
 * vault folder, the shell's output, the page's DOM and storage) is kept for the canary sweep.
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
  // The canary sweep after the whole run reads this folder, then deletes it.
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
  vault: async ({}, use) => {
    await use(await freshVault());
  },
  shell: async ({ vault, page }, use, testInfo) => {
    const shell = await startShell(vault);
    await use(shell);
    // The page as the test left it (DOM and both storages), for the sweep: no secret may linger there.
    const dom = await page
      .evaluate(
        () =>
          `${document.documentElement.outerHTML}\n${JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })}`,
      )
      .catch(() => '');
    keepForSweep('dom', testInfo.testId, dom, 'the page at the end of a test');
    await leaveThenStop(page, shell);
    keepForSweep('logs', testInfo.testId, shell.output(), "lapse serve's output");
  },
});

export { expect };

/** Leave the page first, then stop its shell: a refresh or change stream cut off by the stop is not the page's error. */
export async function leaveThenStop(page: Page, shell: Shell): Promise<void> {
  await page.goto('about:blank').catch(() => undefined);
  await shell.stop();
}

/** Open the window the shell serves and wait until the list (or the empty state) is there. */
export async function openWindow(page: Page, shell: Shell): Promise<void> {
  await page.goto(shell.url);
  await page.getByRole('heading', { name: 'Lapse', level: 1 }).waitFor();
  await page.getByText('Loading tokens…').waitFor({ state: 'detached' });
}

export const screenshotPath = (name: string) => `test-results/screenshots/${name}.png`;
