import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';

/** Debian's Chromium, which the HTML tests drive; without it they are skipped. */
export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(chromiumPath);

/** What a page did while it was open: every request it made, every console error or warning and page error. */
export interface PageWatch {
  /** The file:// URL the page was opened at. */
  url: string;
  requests: string[];
  problems: string[];
}

/**
 * Open a local HTML file in real Chromium (1200 × 900), watching its requests and console, and
 * hand the page to `use`; the browser is closed after, whatever `use` does.
 */
export async function withFileInChromium(file: string, use: (page: Page, watch: PageWatch) => Promise<void>) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const watch: PageWatch = { url: pathToFileURL(file).href, requests: [], problems: [] };
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') watch.problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (error) => watch.problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => watch.requests.push(request.url()));
    await page.goto(watch.url);
    await use(page, watch);
  } finally {
    await browser.close();
  }
}
