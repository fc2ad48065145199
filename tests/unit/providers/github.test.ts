import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGithubExpiration } from '../../../electron/providers/github/expiration.js';
import { githubRateLimits } from '../../../electron/providers/github/rate-limits.js';
import { startGithubEmulator, type GithubEmulator } from '../../emulators/github.js';
import { startHttpEmulator, type HttpEmulator } from '../../emulators/http-emulator.js';
import { fakeTokens, tracesIn } from '../../helpers/fake-tokens.js';
import { allFileText } from '../../helpers/temp-home.js';
import { verifyHarness } from './verify-harness.js';
import { freshEachTest } from '../../helpers/lifetimes.js';

const day = 86_400_000;
/** A whole second, as GitHub's header carries no milliseconds. */
const inDays = (n: number) => new Date(Math.floor((Date.now() + n * day) / 1000) * 1000).toISOString();

let github: GithubEmulator;
let enterprise: GithubEmulator;
const t = freshEachTest(verifyHarness);

beforeAll(async () => {
  github = await startGithubEmulator();
  enterprise = await startGithubEmulator({ prefix: '/api/v3' });
});
afterAll(async () => {
  await github.close();
  await enterprise.close();
});

async function githubToken(secret: string, fields: { scopes?: string[]; kind?: string; expiresAt?: string } = {}) {
  return t.add({ label: 'laptop push', secret, baseUrl: github.url, ...fields });
}

describe('GitHub: the expiration header', () => {
  it('reads UTC and offset forms as the same instant', () => {
    expect(parseGithubExpiration('2026-12-01 09:00:00 UTC')).toBe('2026-12-01T09:00:00.000Z');
    expect(parseGithubExpiration('2026-12-01 18:00:00 +0900')).toBe('2026-12-01T09:00:00.000Z');
    expect(parseGithubExpiration('2026-12-01 04:00:00 -0500')).toBe('2026-12-01T09:00:00.000Z');
    expect(parseGithubExpiration('2026-12-01 18:00:00 +09:00')).toBe('2026-12-01T09:00:00.000Z');
  });

  it('refuses shapes and dates it does not know rather than guessing', () => {
    expect(parseGithubExpiration('2026-02-30 09:00:00 UTC')).toBeNull();
    expect(parseGithubExpiration('2026-12-01T09:00:00Z')).toBeNull();
    expect(parseGithubExpiration('tomorrow')).toBeNull();
  });
});

describe('GitHub: verifying a token', () => {
  it('a valid classic PAT records its account, scopes and the expiry GitHub reports', async () => {
    const secret = fakeTokens.githubClassic();
    const expiresAt = inDays(40);
    github.addToken(secret, { login: 'octocat', scopes: ['repo', 'read:org'], expiresAt });
    const added = await githubToken(secret, { scopes: ['repo', 'read:org'] });

    const result = await t.check(added.id);

    expect(result.outcome).toBe('valid');
    expect(result.learned).toEqual([
      'account octocat',
      'scopes repo, read:org',
      `expires ${expiresAt.slice(0, 10)} (from GitHub)`,
    ]);
    expect(result.token).toMatchObject({
      account: 'octocat',
      grantedScopes: ['repo', 'read:org'],
      expiresAt,
      expirySource: 'provider',
    });
    expect(result.token.lastVerifiedAt).not.toBeNull();
    expect(result.token.findings.map((f) => f.code)).not.toContain('unverified');
    expect(result.links.manageTokens).toBe(`${new URL(github.url).origin}/settings/tokens`);
  });

  it('reads an expiry GitHub writes with a +0900 offset', async () => {
    const secret = fakeTokens.githubClassic();
    const expiresAt = inDays(20);
    github.addToken(secret, { login: 'octocat', scopes: ['repo'], expiresAt, expiryZone: '+0900' });
    const added = await githubToken(secret);

    expect((await t.check(added.id)).token.expiresAt).toBe(expiresAt);
  });

  it('a classic PAT without an expiration header never expires, and says so', async () => {
    const secret = fakeTokens.githubClassic();
    github.addToken(secret, { login: 'octocat', scopes: ['repo'] });
    const added = await githubToken(secret, { expiresAt: inDays(10) });

    const result = await t.check(added.id);

    expect(result.token).toMatchObject({ expiresAt: null, expirySource: 'provider' });
    expect(result.learned).toContain('no expiry (from GitHub)');
  });

  it('a fine-grained PAT has no scope list, and the verification says so', async () => {
    const secret = fakeTokens.githubFineGrained();
    github.addToken(secret, { login: 'octocat', scopes: null, expiresAt: inDays(30) });
    const added = await githubToken(secret, { scopes: ['contents:read'] });

    const result = await t.check(added.id);

    expect(result.token.grantedScopes).toBeNull();
    expect(result.token.verification?.notes.join(' ')).toMatch(/fine-grained PAT: GitHub reports no scope list/i);
    expect(result.token.findings.map((f) => f.code)).not.toContain('out-of-scope');
  });

  it('a revoked token shows as disconnected', async () => {
    const secret = fakeTokens.githubClassic();
    github.addToken(secret, { login: 'octocat', scopes: ['repo'], revoked: true });
    const added = await githubToken(secret);

    const result = await t.check(added.id);

    expect(result.outcome).toBe('rejected');
    expect(result.token.verification).toMatchObject({ outcome: 'rejected', reason: 'invalid' });
    expect(result.token.status).toBe('disconnected');
    expect(result.message).toMatch(/Bad credentials/);
  });

  it('an expired token is rejected as expired when its expiry is known', async () => {
    const secret = fakeTokens.githubClassic();
    const expired = new Date(Date.now() - day).toISOString();
    github.addToken(secret, { login: 'octocat', scopes: ['repo'], expiresAt: expired });
    const added = await githubToken(secret, { expiresAt: expired });

    const result = await t.check(added.id);

    expect(result.token.verification?.reason).toBe('expired');
    expect(result.token.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['disconnected', 'expired']));
  });

  it('a token that now belongs to another account is disconnected, naming both', async () => {
    const secret = fakeTokens.githubClassic();
    github.addToken(secret, { login: 'octocat', scopes: ['repo'] });
    const added = await githubToken(secret);
    await t.check(added.id);
    github.updateToken(secret, { login: 'mallory' });

    const result = await t.check(added.id);

    expect(result.outcome).toBe('rejected');
    expect(result.message).toMatch(/now belongs to mallory, not octocat/);
    expect(result.token).toMatchObject({ account: 'octocat', status: 'disconnected' });
    expect(result.token.verification?.reason).toBe('wrong-account');
    expect(result.token.findings[0]?.action).toBe('revoke');
  });

  it('scopes wider than its purpose declares are out of scope', async () => {
    const secret = fakeTokens.githubClassic();
    github.addToken(secret, { login: 'octocat', scopes: ['repo', 'admin:org', 'delete_repo'] });
    const added = await githubToken(secret, { scopes: ['repo'] });

    const result = await t.check(added.id);

    const outOfScope = result.token.findings.find((f) => f.code === 'out-of-scope');
    expect(outOfScope?.message).toMatch(/admin:org, delete_repo are more than it needs/);
  });

  it('scopes narrower than its purpose needs are named, and are not out of scope', async () => {
    const secret = fakeTokens.githubClassic();
    github.addToken(secret, { login: 'octocat', scopes: ['repo'] });
    const added = await githubToken(secret, { scopes: ['repo', 'write:packages'] });

    const result = await t.check(added.id);

    expect(result.learned).toContain('Lacks write:packages, which its purpose needs.');
    expect(result.token.findings.map((f) => f.code)).not.toContain('out-of-scope');
  });

  it('a suspended account is rejected as inactive', async () => {
    const secret = fakeTokens.githubClassic();
    github.addToken(secret, { login: 'octocat', scopes: ['repo'], suspended: true });
    const added = await githubToken(secret);

    expect((await t.check(added.id)).token.verification?.reason).toBe('inactive');
  });

  it('verifies against GitHub Enterprise at https://HOST/api/v3, and links to that host', async () => {
    const secret = fakeTokens.githubClassic();
    enterprise.addToken(secret, { login: 'hubot', scopes: ['repo'] });
    const added = await t.add({ label: 'GHES', secret, baseUrl: enterprise.url });

    const result = await t.check(added.id);

    expect(result.token.account).toBe('hubot');
    expect(enterprise.requests.at(-1)?.path).toBe('/user');
    expect(result.links.createToken).toBe(`${new URL(enterprise.url).origin}/settings/tokens/new`);
  });

  it('sends the documented headers', async () => {
    const secret = fakeTokens.githubClassic();
    github.addToken(secret, { login: 'octocat', scopes: [] });
    const added = await githubToken(secret);

    const result = await t.check(added.id);

    expect(github.requests.at(-1)).toMatchObject({ method: 'GET', path: '/user', credential: `Bearer ${secret}` });
    expect(result.learned).toContain('scopes none');
  });
});

describe('GitHub: an error body that echoes the token', () => {
  let echo: HttpEmulator;
  beforeAll(async () => {
    echo = await startHttpEmulator({
      handle: (req) => ({ status: 401, body: { message: `Bad credentials: ${String(req.headers['authorization'])}` } }),
      notFound: () => ({ status: 404 }),
      rateLimited: () => ({ status: 429 }),
      serverError: (status) => ({ status }),
    });
  });
  afterAll(() => echo.close());

  it('is stored and shown redacted', async () => {
    const secret = fakeTokens.githubClassic();
    const added = await t.add({ label: 'echo', secret, baseUrl: echo.url });

    const result = await t.check(added.id);

    expect(result.outcome).toBe('rejected');
    expect(tracesIn(JSON.stringify(result), secret)).toEqual([]);
    expect(allFileText(t.home).flatMap(({ text }) => tracesIn(text, secret))).toEqual([]);
  });
});

describe("GitHub's rate-limit answers, read as its docs say", () => {
  const now = Date.parse('2026-12-01T09:00:00Z');
  const answer = (status: number, headers: Record<string, string>, message = '') => ({
    status,
    headers: new Headers(headers),
    text: JSON.stringify({ message }),
  });

  it('a secondary limit with neither retry-after nor remaining 0 waits at least a minute, not until the hourly reset, and holds the whole host', () => {
    const reset = String(now / 1000 + 3000);
    expect(
      githubRateLimits.limitOf(
        answer(
          403,
          { 'x-ratelimit-remaining': '4000', 'x-ratelimit-reset': reset },
          'You have exceeded a secondary rate limit.',
        ),
        now,
      ),
    ).toEqual({ retryAt: now + 60_000, wholeHost: true });
    expect(
      githubRateLimits.limitOf(answer(429, { 'x-ratelimit-remaining': '4000', 'x-ratelimit-reset': reset }), now),
    ).toEqual({ retryAt: now + 60_000, wholeHost: true });
  });

  it("retry-after wins (a secondary limit: the whole host waits); remaining 0 waits for the reset (the primary limit: the user's bucket); the bucket named by x-ratelimit-resource is kept", () => {
    expect(
      githubRateLimits.limitOf(answer(403, { 'retry-after': '30', 'x-ratelimit-resource': 'search' }), now),
    ).toEqual({ retryAt: now + 30_000, resource: 'search', wholeHost: true });
    expect(
      githubRateLimits.limitOf(
        answer(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 900) }),
        now,
      ),
    ).toEqual({ retryAt: now + 900_000 });
  });

  it('a 403 that is no limit (a refusal) is not taken for one', () => {
    expect(
      githubRateLimits.limitOf(
        answer(403, { 'x-ratelimit-remaining': '4999' }, 'Resource not accessible by integration'),
        now,
      ),
    ).toBeNull();
  });

  it("a user's tokens share the user's bucket; an installation token has its own", () => {
    expect(githubRateLimits.bucketOf?.('octocat', fakeTokens.githubClassic())).toBe('user:octocat');
    expect(githubRateLimits.bucketOf?.('octocat', fakeTokens.githubFineGrained())).toBe('user:octocat');
    expect(githubRateLimits.bucketOf?.('octocat', fakeTokens.githubInstallation())).toMatch(/^token:[0-9a-f]{16}$/);
  });
});
