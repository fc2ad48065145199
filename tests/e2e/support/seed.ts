import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TokenRecord } from '../../../shared/model.js';
import { cliAdd, dayFromNow, fakeToken, type Vault } from './lapse-shell.js';

/** Four tokens of different statuses, added with the CLI: expired, expiring, no expiry, unverified. */
export async function seedTokens(vault: Vault): Promise<void> {
  await cliAdd(vault, fakeToken('glpat-', 24), [
    '--label',
    'deploy-bot',
    '--expires',
    dayFromNow(-2),
    '--purpose',
    'deploys the site from CI',
    '--scopes',
    'api,read_user',
    '--tag',
    'ci',
  ]);
  await cliAdd(vault, fakeToken('ghp_'), [
    '--label',
    'laptop push',
    '--expires',
    dayFromNow(4),
    '--purpose',
    'push to octo/site from the laptop',
    '--scopes',
    'repo',
    '--tag',
    'work',
  ]);
  await cliAdd(vault, fakeToken('npm_'), [
    '--label',
    'npm publish',
    '--expires',
    'never',
    '--purpose',
    'publish @octo packages',
  ]);
  await cliAdd(vault, `xoxb-${fakeToken('', 12)}-${fakeToken('', 24)}`, [
    '--label',
    'alerts bot',
    '--expires',
    dayFromNow(60),
    '--purpose',
    'posts build alerts to #ops',
  ]);
}

/** The seed tokens plus five more spread over the next four months, tagged ops. */
export async function seedSpread(vault: Vault): Promise<void> {
  await seedTokens(vault);
  for (const [label, days] of [
    ['staging api', 10],
    ['docs preview', 25],
    ['metrics reader', 45],
    ['backup sync', 80],
    ['archive export', 120],
  ] as const) {
    await cliAdd(vault, fakeToken('ghp_'), ['--label', label, '--expires', dayFromNow(days), '--tag', 'ops']);
  }
}

/** An unsigned JWT with these claims (only its claims are read). */
export function jwtWithClaims(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return [part({ alg: 'HS256', typ: 'at+jwt' }), part(claims), 'c2lnbmF0dXJl'].join('.');
}

/** A JWT with an expiry and scopes in its claims (unsigned: only its claims are read). */
export function fakeJwt(expiresInDays: number): string {
  const now = Math.floor(Date.now() / 1000);
  return jwtWithClaims({
    sub: 'ci-runner',
    iat: now,
    exp: now + expiresInDays * 86_400,
    scope: 'deploy:read deploy:write',
  });
}

/**
 * Writes the vault's metadata file directly: for lists too long to add one by one through the
 * keychain. Records only, no secrets (reveal and copy would say the entry is missing).
 */
export async function writeVaultFile(vault: Vault, records: readonly TokenRecord[]): Promise<void> {
  const tokens = Object.fromEntries(records.map((r) => [r.id, r]));
  await writeFile(path.join(vault.home, 'vault.json'), JSON.stringify({ version: 1, tokens }), { mode: 0o600 });
}

/** Change records in the vault file by label, e.g. to make a token look added 40 days ago. */
export async function patchRecords(vault: Vault, patches: Record<string, Partial<TokenRecord>>): Promise<void> {
  const file = path.join(vault.home, 'vault.json');
  const data = JSON.parse(await readFile(file, 'utf8')) as { tokens: Record<string, TokenRecord> };
  for (const record of Object.values(data.tokens)) Object.assign(record, patches[record.label] ?? {});
  await writeFile(file, JSON.stringify(data), { mode: 0o600 });
}
