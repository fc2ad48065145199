import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { afterAll, describe, expect, it } from 'vitest';
import { collectReport } from '../../../electron/report/collect-report.js';
import { renderHtml } from '../../../electron/report/render-html.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { reportNow, sampleRecords, vaultOf } from './sample-vault.js';

const chromiumPath = '/usr/bin/chromium';
const dir = makeTempDir('lapse-report-html');
afterAll(() => removeTempDir(dir));

describe.skipIf(!fs.existsSync(chromiumPath))('the HTML report in Chromium', () => {
  it('opens offline without console errors or requests, shows a hostile label as text, and prints', async () => {
    const records = sampleRecords();
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, renderHtml(collectReport(vaultOf(records), reportNow, {}, { machine: 'build-host' })));
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('request', (request) => requests.push(request.url()));
      const url = pathToFileURL(file).href;
      await page.goto(url);

      const hostile = records.find((r) => r.label.includes('<script>'))?.label ?? '';
      expect(await page.locator('.token-name', { hasText: 'alert("pwned")' }).innerText()).toBe(hostile);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.getByRole('img', { name: 'Tokens by status' }).count()).toBe(1);
      expect(await page.getByRole('img', { name: 'Expiry timeline' }).locator('circle').count()).toBe(7);
      expect(await page.locator('.verdict').innerText()).toBe(
        'Policy check failed: 7 tokens have a finding at warning or worse.',
      );
      // The inline style is allowed by its hash: a blocked stylesheet would leave the cards unstyled.
      expect(
        await page
          .locator('.card')
          .first()
          .evaluate((el) => getComputedStyle(el).borderTopStyle),
      ).toBe('solid');

      await page.emulateMedia({ media: 'print' });
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
      expect(requests).toEqual([url]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
