import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import type { TokenRecord } from '../../../shared/model.js';
import { cliAdd, dayFromNow, fakeToken, type Vault } from './lapse-shell.js';
import { jwtWithClaims } from './seed.js';

const run = promisify(execFile);
const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A vault that looks like a working developer's: every kind of state the window shows (exposed,
 * expired, revocation pending, a missing secret, out of scope, expiring, no expiry, unknown expiry,
 * healthy, revoked). Added through the CLI (so the secrets are in the keychain), then given the
 * history a real vault would have (verifies, a scan, a revocation) in its metadata file.
 */
export async function seedShowcase(vault: Vault): Promise<Record<string, string>> {
  const now = Date.now();
  const jwtNow = Math.floor(now / 1000);
  const ids: Record<string, string> = {};
  const add = async (key: string, secret: string, args: string[]) => (ids[key] = await cliAdd(vault, secret, args));
  await add('leaked', fakeToken('ghp_'), [
    '--label',
    'release bot',
    '--expires',
    dayFromNow(40),
    '--purpose',
    'tags releases of octo/site',
    '--scopes',
    'repo',
    '--tag',
    'ci',
  ]);
  await add('expired', fakeToken('glpat-', 24), [
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
  await add('revoking', fakeToken('sk_live_', 30), [
    '--label',
    'stripe readonly reports',
    '--provider',
    'stripe',
    '--expires',
    dayFromNow(200),
    '--purpose',
    'download monthly revenue reports',
    '--tag',
    'finance',
  ]);
  await add('missing', fakeToken('npm_'), [
    '--label',
    'npm publish',
    '--expires',
    'never',
    '--purpose',
    'publish @octo packages',
    '--tag',
    'release',
  ]);
  const metrics = jwtWithClaims({
    sub: 'metrics-pusher',
    iat: jwtNow - 3600,
    exp: jwtNow + 2 * 86_400,
    scope: 'read:metrics write:metrics',
  });
  await add('wide', metrics, [
    '--label',
    'metrics pusher',
    '--provider',
    'jwt',
    '--scopes',
    'write:metrics',
    '--purpose',
    'push build metrics',
    '--tag',
    'work',
  ]);
  await add('soon', fakeToken('ghp_'), [
    '--label',
    'laptop push',
    '--expires',
    dayFromNow(5),
    '--purpose',
    'push to octo/site from the laptop',
    '--scopes',
    'repo',
    '--tag',
    'work',
  ]);
  await add('healthy', `xoxb-${fakeToken('', 12)}-${fakeToken('', 24)}`, [
    '--label',
    'alerts bot',
    '--expires',
    dayFromNow(75),
    '--purpose',
    'posts build alerts to #ops',
    '--tag',
    'ops',
  ]);
  await add('unknown', fakeToken('hf_', 34), [
    '--label',
    'datasets reader',
    '--purpose',
    'reads the eval datasets',
    '--tag',
    'ml',
  ]);
  await add('revoked', fakeToken('ghp_'), ['--label', 'old laptop', '--expires', dayFromNow(20), '--tag', 'work']);

  const file = path.join(vault.home, 'vault.json');
  const data = JSON.parse(await readFile(file, 'utf8')) as { tokens: Record<string, TokenRecord> };
  const verified = (id: string, account: string, scopes: string[] | null) => {
    const r = data.tokens[id]!;
    Object.assign(r, {
      account,
      lastVerifiedAt: iso(now - day),
      grantedScopes: scopes ?? r.grantedScopes,
      verification: {
        outcome: 'valid',
        at: iso(now - day),
        message: 'Accepted.',
        reason: null,
        retryAt: null,
        notes: [],
        jwtCheck: null,
      },
    });
  };
  verified(ids['leaked']!, 'octo-release', ['repo']);
  verified(ids['healthy']!, 'ops-bot', null);
  verified(ids['soon']!, 'octocat', ['repo']);
  verified(ids['revoking']!, 'acct_finance', null);
  data.tokens[ids['leaked']!]!.exposures = [{ file: '/home/dev/octo/site/.env', line: 3, foundAt: iso(now - 3 * day) }];
  data.tokens[ids['revoking']!]!.revocation = {
    requestedAt: iso(now - day),
    confirmedAt: null,
    method: 'manual',
    target: 'this',
  };
  Object.assign(data.tokens[ids['revoked']!]!, {
    revokedAt: iso(now - 2 * day),
    revocation: { requestedAt: iso(now - 2 * day), confirmedAt: iso(now - 2 * day), method: 'api', target: 'this' },
  });
  await writeFile(file, JSON.stringify(data), { mode: 0o600 });
  // The keychain loses one entry, as a keyring swapped or cleaned by hand would: the window finds out itself.
  await run('secret-tool', ['clear', 'service', vault.service, 'username', ids['missing']!]);
  return ids;
}
