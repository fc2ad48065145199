import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from '@playwright/test';
import config from '../../playwright.config.js';
import { registerPlace, sweepRoot } from './support/canary-registry.js';
import { expect, openWindow, test } from './support/fixtures.js';
import { addThroughForm, detailOf } from './support/flows.js';
import { canaryToken, dayFromNow } from './support/lapse-shell.js';

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

/** Another web server on 127.0.0.1 (a dev server, a container on the host network): it logs what the browser sends it. */
async function otherLoopbackServer() {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Some other local app</title><h1>Dashboard</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('the launch key leaves the URL, is never a cookie, never reaches another server on 127.0.0.1, and works once', async ({
  page,
  context,
  shell,
}) => {
  const other = await otherLoopbackServer();
  const launchKey = new URL(shell.url).searchParams.get('key') ?? '';
  expect(launchKey.length).toBeGreaterThan(20);

  await openWindow(page, shell);
  // The key is traded for this tab's session, and gone from the address bar.
  expect(page.url()).toBe(`${new URL(shell.url).origin}/`);
  expect(await context.cookies()).toEqual([]);
  const session = (await page.evaluate(() => sessionStorage.getItem('lapse.session'))) ?? '';
  expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(session).not.toBe(launchKey);
  // A reload keeps working: the tab keeps its session.
  await page.reload();
  await page.getByText('Loading tokens…').waitFor({ state: 'detached' });
  await expect(page.getByRole('heading', { name: 'Lapse could not read your tokens' })).toHaveCount(0);

  // A link followed from the Lapse page to the other server, then a visit of its own.
  await page.evaluate((to) => window.location.assign(to), `${other.url}/followed-from-lapse`);
  await page.waitForURL(`${other.url}/followed-from-lapse`);
  await page.goto(`${other.url}/dashboard`);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  // The other origin's script tries Lapse's API with whatever credentials the browser would add.
  const probe = await context.newPage();
  await probe.goto(`${other.url}/attacker`);
  const stolen = await probe.evaluate(async (lapse) => {
    try {
      const res = await fetch(`${lapse}/api/revealSecret`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: '{"id":"00000000-0000-4000-8000-000000000000"}',
      });
      return `HTTP ${res.status}`;
    } catch {
      return 'blocked';
    }
  }, new URL(shell.url).origin);
  expect(stolen).toBe('blocked');
  expect(other.seen.length).toBeGreaterThanOrEqual(3);
  for (const request of other.seen) {
    const sent = JSON.stringify(request);
    expect(sent, request.url).not.toContain(launchKey);
    expect(sent, request.url).not.toContain(session);
    expect(request.headers.cookie, request.url).toBeUndefined();
  }

  // The old URL no longer works: not in this browser, not in a fresh one.
  const again = await probe.goto(shell.url);
  expect(again?.status()).toBe(403);
  await expect(probe.getByRole('heading', { name: 'This launch URL no longer works' })).toBeVisible();
  const fresh = await (await context.browser()?.newContext())?.newPage();
  if (fresh) {
    expect((await fresh.goto(shell.url))?.status()).toBe(403);
    await fresh.context().close();
  }
  await probe.close();
  await other.close();
});

test('the launch URL a browser profile keeps (history, sessions) opens nothing, and no canary byte is in the profile', async ({
  shell,
}) => {
  mkdirSync(sweepRoot, { recursive: true, mode: 0o700 });
  const profile = mkdtempSync(path.join(sweepRoot, 'profile-'));
  // Swept again after the whole run with everything else.
  registerPlace(profile, 'a Chromium profile that used Lapse');
  const browser = await chromium.launchPersistentContext(profile, { ...config.use?.launchOptions, headless: true });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await openWindow(page, shell);
    const secret = canaryToken();
    await addThroughForm(page, { secret, label: 'profile canary', expiresOn: dayFromNow(30) });
    const detail = detailOf(page, 'profile canary');
    await detail.getByRole('button', { name: 'Reveal' }).click();
    await expect(detail.getByText(secret, { exact: true })).toBeVisible();
    await page.reload();
    await page.getByText('Loading tokens…').waitFor({ state: 'detached' });
  } finally {
    await browser.close();
  }
  // The browser did record the launch URL (History, Sessions): it is dead.
  const launchKey = new URL(shell.url).searchParams.get('key') ?? '';
  const files = (function walk(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
  })(profile);
  const keeping = files.filter((f) => readFileSync(f).includes(launchKey)).map((f) => path.relative(profile, f));
  test
    .info()
    .annotations.push({ type: 'profile files holding the launch URL', description: keeping.join(', ') || 'none' });
  const reuse = await fetch(`${new URL(shell.url).origin}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: launchKey }),
  });
  expect(reuse.status).toBe(403);
});
