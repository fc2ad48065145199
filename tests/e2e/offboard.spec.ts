import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Locator, Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, openWindow, screenshotPath } from './support/fixtures.js';
import { detailOf, pageText } from './support/flows.js';
import { cliAdd, cliRun, dayFromNow, fakeToken, type Vault } from './support/lapse-shell.js';
import { test } from './support/provider-fixtures.js';

interface ReceiptJson {
  selector: { tag?: string };
  entries: {
    label: string;
    state: string;
    method: string | null;
    requestedAt: string | null;
    confirmedAt: string | null;
    message: string;
  }[];
  summary: { total: number; revoked: number; pending: number; failed: number };
  markdown?: string;
}

const offboardView = (page: Page) => page.getByRole('region', { name: 'Offboard' });

/** Open Offboard from the sidebar and choose a tag; answers the view. */
async function chooseTag(page: Page, tag: string) {
  await page.getByRole('navigation', { name: 'Views and filters' }).getByRole('button', { name: 'Offboard' }).click();
  const view = offboardView(page);
  await view.getByLabel('Tag').selectOption(`#${tag}`);
  return view;
}

/** The row of one token in the offboard table. */
const rowOf = (view: Locator, label: string) =>
  view.getByRole('row').filter({ has: view.page().getByRole('rowheader', { name: label }) });

async function download(page: Page, view: Locator, name: 'Markdown' | 'JSON') {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    view.getByRole('button', { name: `Download the receipt as ${name}` }).click(),
  ]);
  return { filename: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

const listed = async (vault: Vault) =>
  JSON.parse(await cliRun(vault, ['list', '--json'])) as { label: string; status: string }[];

test('offboarding a tag revokes each token at its provider with visible progress, confirms them dead, and gives a receipt', async ({
  page,
  shell,
  vault,
  github,
  gitlab,
}) => {
  const gh = fakeToken('ghp_FAKE');
  const gl = fakeToken('glpat-', 20);
  const stays = fakeToken('ghp_FAKE');
  github.addToken(gh, { login: 'octocat', scopes: ['repo'], expiresAt: null });
  github.addToken(stays, { login: 'octocat', scopes: ['repo'], expiresAt: null });
  gitlab.addToken(gl, { username: 'alice', scopes: ['api'], expiresAt: dayFromNow(30) });
  await cliAdd(vault, gh, [
    '--label',
    'x deploy',
    '--provider',
    'github',
    '--base-url',
    github.url,
    '--expires',
    'never',
    '--tag',
    'project-x',
  ]);
  await cliAdd(vault, gl, [
    '--label',
    'x registry',
    '--provider',
    'gitlab',
    '--base-url',
    gitlab.url,
    '--expires',
    dayFromNow(30),
    '--tag',
    'project-x',
  ]);
  await cliAdd(vault, stays, [
    '--label',
    'laptop push',
    '--provider',
    'github',
    '--base-url',
    github.url,
    '--expires',
    'never',
    '--tag',
    'personal',
  ]);
  // Slow enough providers that each row's "Revoking…" can be seen before it lands.
  github.latencyMs = 600;
  gitlab.latencyMs = 600;
  await openWindow(page, shell);

  const view = await chooseTag(page, 'project-x');
  await expect(view.getByRole('heading', { name: /^Covers 2 tokens/ })).toBeVisible();
  await expect(view.getByRole('rowheader')).toHaveText(['x deploy', 'x registry']);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: screenshotPath('offboard-select-light') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page);
  await page.screenshot({ path: screenshotPath('offboard-select-dark') });

  await view.getByRole('button', { name: 'Revoke 2 tokens…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke 2 tokens?' });
  await expect(dialog).toContainText('x deploy, x registry');
  await expect(dialog).toContainText("this can't be undone.");
  await expect(dialog).toContainText('Where a provider has no revocation API, the receipt says to revoke by hand.');
  await expectNoAxeViolations(page, 'dialog');
  await dialog.screenshot({ path: screenshotPath('offboard-confirm-dark') });
  await page.emulateMedia({ colorScheme: 'light' });
  await expectNoAxeViolations(page, 'dialog');
  await dialog.screenshot({ path: screenshotPath('offboard-confirm-light') });
  await dialog.getByRole('button', { name: 'Revoke 2 tokens', exact: true }).click();
  await expect(dialog).toHaveCount(0);

  // Progress: one row at a time, the count moving, then each row's outcome.
  const progress = view.getByRole('progressbar');
  await expect(rowOf(view, 'x deploy')).toContainText('Revoking…');
  await expect(rowOf(view, 'x registry')).toContainText('Waiting');
  await expect(view.getByRole('status').filter({ hasText: /0 of 2 done — revoking x deploy at GitHub/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('offboard-progress-light') });
  await expect(rowOf(view, 'x registry')).toContainText('Revoking…');
  await expect(progress).toHaveAttribute('value', '1');
  await expect(view.getByRole('status').filter({ hasText: 'Done: 2 of 2.' })).toBeVisible();
  await expect(rowOf(view, 'x deploy')).toContainText('Revoked, confirmed dead');
  await expect(rowOf(view, 'x registry')).toContainText('Revoked, confirmed dead');
  const receipt = view.getByRole('region', { name: 'Receipt' });
  await expect(receipt).toContainText('2 tokens: 2 revoked and confirmed dead, 0 still live, 0 failed.');
  await expect(receipt.getByRole('heading', { name: 'Receipt' })).toBeFocused();

  // The providers agree: both values are dead, the token outside the tag still works.
  expect(github.tokenState(gh)?.revoked).toBe(true);
  expect(gitlab.liveTokens()).not.toContain(gl);
  expect(github.tokenState(stays)?.revoked).toBeFalsy();
  const statuses = Object.fromEntries((await listed(vault)).map((t) => [t.label, t.status]));
  expect(statuses).toMatchObject({ 'x deploy': 'revoked', 'x registry': 'revoked' });
  expect(statuses['laptop push']).not.toMatch(/revoked|revocation-pending/);

  const md = await download(page, view, 'Markdown');
  expect(md.filename).toMatch(/^lapse-offboard-project-x-\d{4}-\d{2}-\d{2}\.md$/);
  expect(md.text).toContain('# Offboarding receipt: tag "project-x"');
  expect(md.text).toContain('2 tokens: 2 revoked and confirmed dead, 0 still live, 0 failed.');
  expect(md.text).toMatch(/\| x deploy \| GitHub \| .* \| revoked, confirmed dead \|/);
  expect(md.text).toMatch(/\| x registry \| GitLab \| .* \| revoked, confirmed dead \|/);
  expect(md.text).not.toContain('laptop push');
  const json = await download(page, view, 'JSON');
  expect(json.filename).toMatch(/\.json$/);
  const data = JSON.parse(json.text) as ReceiptJson;
  expect(data.selector).toEqual({ tag: 'project-x' });
  expect(data.summary).toEqual({ total: 2, revoked: 2, pending: 0, failed: 0 });
  expect(data.entries.map((e) => [e.label, e.state, e.method])).toEqual([
    ['x deploy', 'revoked', 'api'],
    ['x registry', 'revoked', 'api'],
  ]);
  for (const entry of data.entries) {
    expect(entry.requestedAt).not.toBeNull();
    expect(entry.confirmedAt).not.toBeNull();
  }
  expect(data.markdown).toBeUndefined();
  for (const text of [md.text, json.text, await pageText(page)]) {
    expect(text).not.toContain(gh);
    expect(text).not.toContain(gl);
  }
  await expectNoAxeViolations(page);
  await page.screenshot({ path: screenshotPath('offboard-receipt-light') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page);
  await page.screenshot({ path: screenshotPath('offboard-receipt-dark') });
  await page.emulateMedia({ colorScheme: 'light' });

  // A revoked token's panel keeps only Forget and History.
  await rowOf(view, 'x deploy').getByRole('button', { name: 'x deploy' }).click();
  const detail = detailOf(page, 'x deploy');
  await expect(detail.locator('.detail-status')).toContainText('Revoked');
  await expect(detail.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(detail.getByRole('button', { name: 'Delete…' })).toHaveCount(0);
  await expect(detail.getByRole('button', { name: 'Revoke…' })).toHaveCount(0);
  await expect(detail.getByRole('button', { name: 'Forget…' })).toBeVisible();
  await expect(detail.getByRole('region', { name: 'History' })).toBeVisible();
  await detail.screenshot({ path: screenshotPath('offboard-revoked-panel') });
});

test('a provider that fails or cannot be reached leaves its token pending (not revoked) in the progress and the receipt', async ({
  page,
  shell,
  vault,
  github,
  gitlab,
}) => {
  const gh = fakeToken('ghp_FAKE');
  const gl = fakeToken('glpat-', 20);
  const gone = fakeToken('ghp_FAKE');
  github.addToken(gh, { login: 'octocat', scopes: ['repo'], expiresAt: null });
  gitlab.addToken(gl, { username: 'alice', scopes: ['api'], expiresAt: dayFromNow(30) });
  await cliAdd(vault, gh, [
    '--label',
    'ci push',
    '--provider',
    'github',
    '--base-url',
    github.url,
    '--expires',
    'never',
    '--tag',
    'leaving',
  ]);
  await cliAdd(vault, gl, [
    '--label',
    'ci registry',
    '--provider',
    'gitlab',
    '--base-url',
    gitlab.url,
    '--expires',
    dayFromNow(30),
    '--tag',
    'leaving',
  ]);
  // A GitHub Enterprise that is no longer there: nothing listens on port 9 of 127.0.0.1.
  await cliAdd(vault, gone, [
    '--label',
    'old ghe',
    '--provider',
    'github',
    '--base-url',
    'http://127.0.0.1:9/api/v3',
    '--expires',
    'never',
    '--tag',
    'leaving',
  ]);
  gitlab.inject('DELETE /api/v4/personal_access_tokens/self', { kind: 'server-error', status: 503 }, { times: 50 });
  await openWindow(page, shell);

  const view = await chooseTag(page, 'leaving');
  await view.getByRole('button', { name: 'Revoke 3 tokens…' }).click();
  await page
    .getByRole('dialog', { name: 'Revoke 3 tokens?' })
    .getByRole('button', { name: 'Revoke 3 tokens', exact: true })
    .click();

  const receipt = view.getByRole('region', { name: 'Receipt' });
  await expect(receipt).toContainText('3 tokens: 1 revoked and confirmed dead, 2 still live, 0 failed.', {
    timeout: 45_000,
  });
  await expect(rowOf(view, 'ci push')).toContainText('Revoked, confirmed dead');
  await expect(rowOf(view, 'ci registry')).toContainText('Pending — old token still live');
  await expect(rowOf(view, 'old ghe')).toContainText('Pending — old token still live');
  await expect(rowOf(view, 'ci registry')).toContainText(/no usable answer|may still be live/);
  await expect(receipt).toContainText('2 tokens still need you');

  // Still live at GitLab, and Lapse says so rather than calling it revoked.
  expect(gitlab.liveTokens()).toContain(gl);
  expect(github.tokenState(gh)?.revoked).toBe(true);
  const statuses = Object.fromEntries((await listed(vault)).map((t) => [t.label, t.status]));
  expect(statuses).toEqual({
    'ci push': 'revoked',
    'ci registry': 'revocation-pending',
    'old ghe': 'revocation-pending',
  });

  const data = JSON.parse((await download(page, view, 'JSON')).text) as ReceiptJson;
  expect(data.summary).toEqual({ total: 3, revoked: 1, pending: 2, failed: 0 });
  expect(Object.fromEntries(data.entries.map((e) => [e.label, e.state]))).toEqual({
    'ci push': 'revoked',
    'ci registry': 'pending',
    'old ghe': 'pending',
  });
  expect(data.entries.find((e) => e.label === 'ci registry')?.confirmedAt).toBeNull();
  const md = (await download(page, view, 'Markdown')).text;
  expect(md).toMatch(/\| ci registry \| GitLab \| .* \| STILL LIVE \(revocation pending\) \|/);
  expect(md).toContain('## Still to do');

  await expectNoAxeViolations(page);
  await page.screenshot({ path: screenshotPath('offboard-pending-light') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page);
  await page.screenshot({ path: screenshotPath('offboard-pending-dark') });
});

test('a token whose value left the keychain fails in the receipt, untouched; the list’s "Offboard these…" starts from its tag', async ({
  page,
  shell,
  vault,
  github,
}) => {
  const gh = fakeToken('ghp_FAKE');
  const lost = fakeToken('ghp_FAKE');
  github.addToken(gh, { login: 'octocat', scopes: ['repo'], expiresAt: null });
  github.addToken(lost, { login: 'octocat', scopes: ['repo'], expiresAt: null });
  await cliAdd(vault, gh, [
    '--label',
    'bot push',
    '--provider',
    'github',
    '--base-url',
    github.url,
    '--expires',
    'never',
    '--tag',
    'bots',
  ]);
  const added = JSON.parse(
    await cliAdd(vault, lost, [
      '--label',
      'bot pull',
      '--provider',
      'github',
      '--base-url',
      github.url,
      '--expires',
      'never',
      '--tag',
      'bots',
      '--json',
    ]),
  ) as { id: string };
  // The keychain entry goes missing behind Lapse's back (another tool, a keyring reset).
  await promisify(execFile)('secret-tool', ['clear', 'service', vault.service, 'username', added.id]);
  await openWindow(page, shell);

  await page.getByRole('navigation', { name: 'Views and filters' }).getByRole('button', { name: '#bots: 2' }).click();
  await page.locator('.list-toolbar').screenshot({ path: screenshotPath('offboard-list-toolbar') });
  await page.getByRole('button', { name: 'Offboard these…' }).click();
  const view = offboardView(page);
  await expect(view.getByLabel('Tag')).toHaveValue('bots');
  await expect(view.getByRole('heading', { name: /^Covers 2 tokens/ })).toBeVisible();
  // From the keyboard: the button, then the dialog (Cancel has focus; Tab reaches Revoke).
  await view.getByRole('button', { name: 'Revoke 2 tokens…' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Revoke 2 tokens?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Revoke 2 tokens', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');

  const receipt = view.getByRole('region', { name: 'Receipt' });
  await expect(receipt).toContainText('2 tokens: 1 revoked and confirmed dead, 0 still live, 1 failed.');
  await expect(receipt.getByRole('heading', { name: 'Receipt' })).toBeFocused();
  await expect(rowOf(view, 'bot pull')).toContainText('Failed — untouched');
  await expect(rowOf(view, 'bot pull')).toContainText('no entry for this token');
  expect(github.tokenState(lost)?.revoked).toBeFalsy();
  const statuses = Object.fromEntries((await listed(vault)).map((t) => [t.label, t.status]));
  expect(statuses['bot push']).toBe('revoked');
  expect(statuses['bot pull']).not.toMatch(/revoked/);
  await page.screenshot({ path: screenshotPath('offboard-failed-light') });
});
