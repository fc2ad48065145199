import { defineConfig } from '@playwright/test';

// Debian's Chromium drives the browser shell (`lapse serve`); each test starts its own shell with
// a fresh vault folder and keychain service. Run inside scripts/with-keychain.sh.
export default defineConfig({
  testDir: 'tests/e2e',
  // After the whole run: no canary byte in any vault folder, shell output, page DOM or browser profile.
  globalSetup: './tests/e2e/support/canary-setup.ts',
  globalTeardown: './tests/e2e/support/canary-sweep.ts',
  outputDir: 'test-results/artifacts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env['CI'] ? 2 : undefined,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
