import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, leaveThenStop, openWindow, screenshotPath, test } from './support/fixtures.js';
import { pageText, tokenRows } from './support/flows.js';
import { startShell, type Shell, type Vault } from './support/lapse-shell.js';

const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const fakeAlnum = (n: number) => [...randomBytes(n)].map((b) => alnum[b % alnum.length]).join('');
const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** GitHub's and npm's documented token shape: 30 random base62 characters and their CRC32 in base62. */
function checksummed(prefix: string): string {
  const body = `FAKE${fakeAlnum(26)}`;
  let crc = '';
  for (let rest = crc32(body); rest > 0; rest = Math.floor(rest / 62)) crc = base62[rest % 62] + crc;
  return `${prefix}${body}${crc.padStart(6, '0')}`;
}

/** A home folder with a fake npm token in ~/.npmrc, and a project with a fake GitHub token in .env and a binary file. */
async function plantHome() {
  const home = await mkdtemp(path.join(os.tmpdir(), 'lapse-e2e-home-'));
  const project = path.join(home, 'code', 'site');
  const npm = checksummed('npm_');
  const github = checksummed('ghp_');
  await writeFile(path.join(home, '.npmrc'), `//registry.npmjs.org/:_authToken=${npm}\n`, { mode: 0o600 });
  await mkdir(project, { recursive: true });
  await writeFile(path.join(project, '.env'), `PORT=8080\nGITHUB_TOKEN=${github}\n`);
  await writeFile(path.join(project, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]));
  return { home, project, npm, github };
}

/**
 * `lapse serve` with HOME pointing at the planted home, so its known locations are the planted
 * files; reading every byte, so skipped files are counted.
 */
async function shellWithHome(vault: Vault, home: string): Promise<Shell> {
  return startShell(vault, { env: { HOME: home, LAPSE_SCAN_ENGINE: 'node' } });
}

const findingRows = (page: Page) => page.getByRole('table', { name: 'Plaintext tokens found' }).locator('tbody tr');

async function scan(page: Page, folder: string) {
  const form = page.getByRole('form', { name: 'Where to look' });
  await expect(form.getByLabel('Known locations (~/.npmrc, gh, .netrc, …)')).toBeChecked();
  await form.getByLabel('Folders to scan too').fill(folder);
  await form.getByRole('button', { name: 'Scan' }).click();
  await expect(page.getByRole('heading', { name: /^Found \d+ plaintext tokens?$/ })).toBeVisible();
}

test('discover finds the planted tokens, imports one with advice on the plaintext copy, and a second scan shows it in the vault', async ({
  page,
  vault,
}) => {
  const planted = await plantHome();
  const shell = await shellWithHome(vault, planted.home);
  try {
    await openWindow(page, shell);
    // First run: the empty state offers both ways in.
    await expect(page.getByRole('button', { name: 'Add a token' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: screenshotPath('empty-state-light') });
    await page.getByRole('button', { name: 'Discover the tokens already on this machine' }).click();
    await expect(page.getByRole('heading', { name: 'Discover', level: 2 })).toBeVisible();

    await scan(page, planted.project);
    await expect(page.getByRole('heading', { name: 'Found 2 plaintext tokens' })).toBeVisible();
    await expect(page.getByText('Skipped 1 file: 1 binary.')).toBeVisible();
    const rows = findingRows(page);
    await expect(rows).toHaveCount(2);
    const npmRow = rows.filter({ hasText: '.npmrc' });
    const envRow = rows.filter({ hasText: '.env' });
    await expect(npmRow).toContainText(`${planted.home}/.npmrc:1:34`);
    await expect(npmRow).toContainText('npm access token');
    await expect(npmRow).toContainText(`npm_…${planted.npm.slice(-4)}`);
    await expect(npmRow.locator('code').nth(2)).toHaveText(/^[0-9a-f]{8}$/);
    await expect(envRow).toContainText(`${planted.project}/.env:2:14`);
    await expect(envRow).toContainText('GitHub classic PAT');
    await expect(rows).toContainText(['Not in the vault', 'Not in the vault']);
    for (const secret of [planted.npm, planted.github]) expect(await pageText(page)).not.toContain(secret);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: screenshotPath('discover-light') });

    await npmRow.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Import selected (1)' }).click();
    const outcome = page.getByRole('region', { name: 'Imported 1 token into the OS keychain' });
    await expect(outcome).toBeVisible();
    // The Import button is spent: focus moves to what it did.
    await expect(outcome.getByRole('heading', { level: 3 })).toBeFocused();
    await expect(outcome.getByRole('listitem').first()).toHaveText(
      'Stored "npm access token from ~/.npmrc" in the OS keychain.',
    );
    const advice = outcome.getByRole('region', { name: /npm \(\.npmrc\)$/ });
    await expect(advice).toContainText(`${planted.home}/.npmrc`);
    await expect(advice).toContainText('replace the token with a variable');
    await expect(advice).toContainText('Lapse never edits your files');
    await expect(npmRow).toContainText('In the vault as “npm access token from ~/.npmrc”');
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 1280, height: 1200 });
    await page.screenshot({ path: screenshotPath('discover-advice-light') });

    // The list now holds it; a second scan finds the same value and names the vault token.
    await page.getByRole('button', { name: /^All tokens: 1$/ }).waitFor();
    await scan(page, planted.project);
    await expect(npmRow).toContainText('In the vault as “npm access token from ~/.npmrc”');
    await expect(npmRow.getByRole('checkbox')).toHaveCount(0);
    await expect(envRow).toContainText('Not in the vault');
    await expect(page.getByRole('status').filter({ hasText: '1 of them is already in the vault' })).toBeVisible();
    for (const secret of [planted.npm, planted.github]) {
      expect(await pageText(page)).not.toContain(secret);
      expect(shell.output()).not.toContain(secret);
    }

    await page.getByRole('button', { name: /^All tokens/ }).click();
    await expect(tokenRows(page)).toHaveCount(1);
    await expect(tokenRows(page).first()).toContainText('npm access token from ~/.npmrc');
  } finally {
    await leaveThenStop(page, shell);
    await rm(planted.home, { recursive: true, force: true });
  }
});

test('axe finds no violations on the discover view with findings (dark)', async ({ page, vault }) => {
  const planted = await plantHome();
  const shell = await shellWithHome(vault, planted.home);
  try {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openWindow(page, shell);
    await page.getByRole('button', { name: 'Discover', exact: true }).click();
    await scan(page, planted.project);
    await findingRows(page).first().getByRole('checkbox').check();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: screenshotPath('discover-dark') });
  } finally {
    await leaveThenStop(page, shell);
    await rm(planted.home, { recursive: true, force: true });
  }
});

test('discover reads git history and reports private keys: the commit that added a removed token, a key in the repository', async ({
  page,
  vault,
}) => {
  const home = await mkdtemp(path.join(os.tmpdir(), 'lapse-e2e-home-'));
  const repo = path.join(home, 'code', 'api');
  await mkdir(path.join(repo, 'deploy'), { recursive: true });
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      [
        '-C',
        repo,
        '-c',
        'user.name=Lapse e2e',
        '-c',
        'user.email=e2e@lapse.invalid',
        '-c',
        'commit.gpgsign=false',
        ...args,
      ],
      { encoding: 'utf8' },
    ).trim();
  git('init', '-q', '-b', 'main');
  const removed = checksummed('ghp_');
  await writeFile(path.join(repo, '.env'), `GITHUB_TOKEN=${removed}\n`);
  git('add', '.');
  git('commit', '-q', '-m', 'Configure the deploy');
  const commit = git('rev-parse', 'HEAD');
  await writeFile(path.join(repo, '.env'), 'GITHUB_TOKEN=${GITHUB_TOKEN}\n');
  await writeFile(
    path.join(repo, 'deploy', 'server.pem'),
    generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
  );
  git('add', '.');
  git('commit', '-q', '-m', 'Read the token from the environment');
  const shell = await startShell(vault, { env: { HOME: home } });
  try {
    await openWindow(page, shell);
    await page.getByRole('button', { name: 'Discover the tokens already on this machine' }).click();
    const form = page.getByRole('form', { name: 'Where to look' });
    await form.getByLabel('Known locations (~/.npmrc, gh, .netrc, …)').uncheck();
    await form.getByLabel('Folders to scan too').fill(repo);
    await form.getByLabel('Their git history too').check();
    await form.getByRole('button', { name: 'Scan' }).click();
    await expect(page.getByRole('heading', { name: /^Found \d+ plaintext tokens?$/ })).toBeVisible();
    const rows = findingRows(page);
    const historyRow = rows.filter({ hasText: commit.slice(0, 12) }).filter({ hasText: '.env' });
    await expect(historyRow).toContainText(`${repo}/.env:1:14`);
    await expect(historyRow).toContainText('GitHub classic PAT');
    await expect(historyRow).toContainText('removed since: still in the history');
    await expect(historyRow).toContainText('In history: rotate it');
    await expect(historyRow.getByRole('checkbox')).toHaveCount(0);
    const keyRows = rows.filter({ hasText: 'server.pem' });
    // Found twice: in the file on disk, and in the commit that added it.
    await expect(keyRows).toHaveCount(2);
    await expect(keyRows.first()).toContainText('Private key RSA private key (PKCS#1)');
    await expect(keyRows.first()).toContainText('Not imported');
    await expect(page.getByText(/Git history read: .*stay exposed to anyone with a clone/)).toBeVisible();
    expect(await pageText(page)).not.toContain(removed);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: screenshotPath('discover-history-light'), fullPage: true });
  } finally {
    await leaveThenStop(page, shell);
    await rm(home, { recursive: true, force: true });
  }
});
