import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderTeamHtml } from '../../../electron/report/team-render-html.js';
import { renderTeamMarkdown } from '../../../electron/report/team-render-markdown.js';
import { hasChromium, withFileInChromium } from '../../helpers/offline-page.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { sampleTeam } from './team-sample.js';

const dir = makeTempDir('lapse-team-html');
afterAll(() => removeTempDir(dir));

describe('the trend of two dates', () => {
  it('says what got better and worse per machine: removed, rotated, findings opened and closed', () => {
    const view = sampleTeam();
    const ana = view.trend?.machines.find((t) => t.name === 'ana-laptop (Ana)');
    expect(ana?.removed.map((t) => t.label)).toEqual(['npm publish']);
    expect(ana?.rotated.map((t) => t.label)).toEqual(['GitLab mirror']);
    expect(ana?.closed.map((f) => `${f.label}/${f.code}`)).toEqual(
      expect.arrayContaining(['npm publish/expired', 'GitLab mirror/expiring']),
    );
    expect(ana?.failingAfter).toBeLessThan(ana?.failingBefore ?? 0);
    const md = renderTeamMarkdown(view);
    expect(md).toMatch(
      /\| ana-laptop \(Ana\) \| 2026-05-01 \| 2026-05-11 \| 0 \| 1 \| 1 \| 0 \| \d+ \| \d+ \| \d+ → \d+ \(−\d+\) \|/,
    );
    // Markdown shows a hostile label as text: no tag survives.
    expect(md).toContain('&lt;b&gt;ops&lt;/b&gt; box');
    expect(md).not.toContain('<b>');
  });
});

describe.skipIf(!hasChromium)('the team view as HTML in Chromium', () => {
  it('opens offline with no script and no request, shows the trend chart and hostile labels as text, and prints', async () => {
    const view = sampleTeam();
    const file = path.join(dir, 'team.html');
    fs.writeFileSync(file, renderTeamHtml(view));
    await withFileInChromium(file, async (page, { url, requests, problems }) => {
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('b').count()).toBe(0);
      expect(await page.locator('.machine-cell', { hasText: '<b>ops</b> box' }).count()).toBeGreaterThan(0);
      const chart = page.getByRole('img', { name: /Findings closed and opened per machine/ });
      expect(await chart.count()).toBe(1);
      // One row per machine with a trend: ana-laptop closed findings (a green bar), ops box changed nothing.
      expect(await chart.locator('g').count()).toBe(2);
      expect(await chart.locator('rect[fill="#17b26a"]').count()).toBe(1);
      expect(await page.locator('h2').allInnerTexts()).toEqual(
        expect.arrayContaining(['Machines', 'Providers', 'Shared tokens', 'Trend', 'Worst findings', 'Reports']),
      );
      expect(
        await page
          .locator('.card')
          .first()
          .evaluate((el) => getComputedStyle(el).borderTopStyle),
      ).toBe('solid');
      await page.emulateMedia({ media: 'print' });
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.length).toBeGreaterThan(10_000);
      expect(requests).toEqual([url]);
      expect(problems).toEqual([]);
    });
  });
});
