import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectReport } from '../../../electron/report/collect-report.js';
import { renderHtml } from '../../../electron/report/render-html.js';
import { hasChromium, withFileInChromium } from '../../helpers/offline-page.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { reportNow, sampleRecords, vaultOf } from './sample-vault.js';

const dir = makeTempDir('lapse-report-html');
afterAll(() => removeTempDir(dir));

describe.skipIf(!hasChromium)('the HTML report in Chromium', () => {
  it('opens offline without console errors or requests, shows a hostile label as text, and prints', async () => {
    const records = sampleRecords();
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, renderHtml(collectReport(vaultOf(records), reportNow, {}, { machine: 'build-host' })));
    await withFileInChromium(file, async (page, { url, requests, problems }) => {
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
    });
  });
});
