import { cliAdd, dayFromNow, fakeToken, type Vault } from './lapse-shell.js';

/** Four tokens of different statuses, added with the CLI: expired, expiring, no expiry, unverified. */
export async function seedTokens(vault: Vault): Promise<void> {
  await cliAdd(vault, fakeToken('glpat-', 24), ['--label', 'deploy-bot', '--expires', dayFromNow(-2), '--purpose', 'deploys the site from CI', '--scopes', 'api,read_user', '--tag', 'ci']);
  await cliAdd(vault, fakeToken('ghp_'), ['--label', 'laptop push', '--expires', dayFromNow(4), '--purpose', 'push to octo/site from the laptop', '--scopes', 'repo', '--tag', 'work']);
  await cliAdd(vault, fakeToken('npm_'), ['--label', 'npm publish', '--expires', 'never', '--purpose', 'publish @octo packages']);
  await cliAdd(vault, `xoxb-${fakeToken('', 12)}-${fakeToken('', 24)}`, ['--label', 'alerts bot', '--expires', dayFromNow(60), '--purpose', 'posts build alerts to #ops']);
}

/** A JWT with an expiry and scopes in its claims (unsigned: only its claims are read). */
export function fakeJwt(expiresInDays: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return [
    part({ alg: 'HS256', typ: 'at+jwt' }),
    part({ sub: 'ci-runner', iat: now, exp: now + expiresInDays * 86_400, scope: 'deploy:read deploy:write' }),
    'c2lnbmF0dXJl',
  ].join('.');
}
