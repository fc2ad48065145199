import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitlabEmulator, type GitlabEmulator } from '../../emulators/gitlab.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { verifyHarness } from './verify-harness.js';
import { freshEachTest } from '../../helpers/lifetimes.js';

const day = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * day).toISOString().slice(0, 10);

let gitlab: GitlabEmulator;
let oldGitlab: GitlabEmulator;
const t = freshEachTest(verifyHarness);

beforeAll(async () => {
  gitlab = await startGitlabEmulator();
  oldGitlab = await startGitlabEmulator({ selfEndpoint: false });
});
afterAll(async () => {
  await gitlab.close();
  await oldGitlab.close();
});

const gitlabToken = (secret: string, scopes: string[] = []) =>
  t.add({ label: 'deploy bot', secret, baseUrl: gitlab.url, scopes });

describe('GitLab: verifying a token', () => {
  it('a valid token records its account, scopes, expiry date and a recent use by something else', async () => {
    const secret = fakeTokens.gitlabRoutable();
    const usedAt = new Date(Date.now() - 5 * 60_000).toISOString();
    const expires = dateIn(30);
    gitlab.addToken(secret, {
      username: 'grace',
      scopes: ['read_api', 'read_repository'],
      expiresAt: expires,
      lastUsedAt: usedAt,
    });
    const added = await gitlabToken(secret, ['read_api', 'read_repository']);

    const result = await t.check(added.id);

    expect(result.outcome).toBe('valid');
    expect(result.token).toMatchObject({
      account: 'grace',
      grantedScopes: ['read_api', 'read_repository'],
      expiresAt: `${expires}T00:00:00.000Z`,
      expirySource: 'provider',
      lastUsedAt: usedAt,
    });
    expect(result.learned).toEqual([
      'account grace',
      'scopes read_api, read_repository',
      `expires ${expires} (from GitLab)`,
      `last used ${usedAt.slice(0, 10)} (from GitLab)`,
    ]);
    expect(gitlab.requests.slice(-2).map((r) => r.credential)).toEqual([secret, secret]);
  });

  it('does not take its own check for a use: GitLab marks the token used by the check itself', async () => {
    const secret = fakeTokens.gitlabLegacy();
    gitlab.addToken(secret, {
      username: 'grace',
      scopes: ['api'],
      lastUsedAt: new Date(Date.now() - 200 * day).toISOString(),
    });
    const added = await gitlabToken(secret);

    const result = await t.check(added.id);

    expect(Date.parse(gitlab.tokenState(secret)?.lastUsedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(result.token.lastUsedAt).toBeNull();
    expect(result.token.verification?.notes.join(' ')).toMatch(/counts this check as a use/);
  });

  it("does not take its own earlier check for a use either: a second verify within GitLab's 10 minutes learns no use", async () => {
    const secret = fakeTokens.gitlabLegacy();
    gitlab.addToken(secret, {
      username: 'grace',
      scopes: ['api'],
      lastUsedAt: new Date(Date.now() - 3 * day).toISOString(),
    });
    const added = await gitlabToken(secret);

    await t.check(added.id);
    // The first check was 30 s ago: GitLab holds its time as the last use, and keeps it for 10 minutes.
    const firstCheck = new Date(Date.now() - 30_000).toISOString();
    await t.store.update((vault) => void Object.assign(vault.tokens[added.id] ?? {}, { lastVerifiedAt: firstCheck }));
    gitlab.updateToken(secret, { lastUsedAt: firstCheck });
    const second = await t.check(added.id);

    expect(second.token.lastUsedAt).toBeNull();
    expect(second.token.verification?.notes.join(' ')).toMatch(/Lapse's own check/);
  });

  it('a token that never expires is recorded as such', async () => {
    const secret = fakeTokens.gitlabLegacy();
    gitlab.addToken(secret, { username: 'grace', scopes: ['api'], expiresAt: null });
    const added = await gitlabToken(secret);

    const result = await t.check(added.id);

    expect(result.token).toMatchObject({ expiresAt: null, expirySource: 'provider' });
    expect(result.learned).toContain('no expiry (from GitLab)');
  });

  it('a revoked token is disconnected as revoked', async () => {
    const secret = fakeTokens.gitlabLegacy();
    gitlab.addToken(secret, { username: 'grace', scopes: ['api'], revoked: true });
    const added = await gitlabToken(secret);

    const result = await t.check(added.id);

    expect(result.token.verification).toMatchObject({ outcome: 'rejected', reason: 'revoked' });
    expect(result.message).toMatch(/Token was revoked/);
    expect(result.token.status).toBe('disconnected');
  });

  it('an expired token is disconnected as expired', async () => {
    const secret = fakeTokens.gitlabLegacy();
    gitlab.addToken(secret, { username: 'grace', scopes: ['api'], expiresAt: dateIn(-2) });
    const added = await gitlabToken(secret);

    expect((await t.check(added.id)).token.verification).toMatchObject({ outcome: 'rejected', reason: 'expired' });
  });

  it('a token GitLab does not know is rejected as invalid', async () => {
    const added = await gitlabToken(fakeTokens.gitlabLegacy());

    expect((await t.check(added.id)).token.verification).toMatchObject({ outcome: 'rejected', reason: 'invalid' });
  });

  it('a token without a user-reading scope is still verified; its account is unknown and the note says why', async () => {
    const secret = fakeTokens.gitlabLegacy();
    gitlab.addToken(secret, { username: 'grace', scopes: ['read_repository'] });
    const added = await gitlabToken(secret);

    const result = await t.check(added.id);

    expect(result.outcome).toBe('valid');
    expect(result.token.account).toBeNull();
    expect(result.token.grantedScopes).toEqual(['read_repository']);
    expect(result.token.verification?.notes.join(' ')).toMatch(/needs the read_user, read_api or api scope/);
  });

  it('on a GitLab without /personal_access_tokens/self, the account is still learned', async () => {
    const secret = fakeTokens.gitlabLegacy();
    oldGitlab.addToken(secret, { username: 'grace', scopes: ['api'] });
    const added = await t.add({ label: 'old instance', secret, baseUrl: oldGitlab.url });

    const result = await t.check(added.id);

    expect(result.outcome).toBe('valid');
    expect(result.token).toMatchObject({ account: 'grace', grantedScopes: null });
    expect(result.token.verification?.notes.join(' ')).toMatch(/no personal-access-token endpoint/);
  });

  it('a token that now belongs to another user is disconnected', async () => {
    const secret = fakeTokens.gitlabLegacy();
    gitlab.addToken(secret, { username: 'grace', scopes: ['api'] });
    const added = await gitlabToken(secret);
    await t.check(added.id);
    gitlab.updateToken(secret, { username: 'mallory' });

    const result = await t.check(added.id);

    expect(result.message).toMatch(/now belongs to mallory, not grace/);
    expect(result.token.status).toBe('disconnected');
  });

  it('scopes wider than declared are out of scope; narrower ones are named', async () => {
    const wide = fakeTokens.gitlabLegacy();
    const narrow = fakeTokens.gitlabLegacy();
    gitlab.addToken(wide, { username: 'grace', scopes: ['api', 'sudo'] });
    gitlab.addToken(narrow, { username: 'grace', scopes: ['read_api'] });
    const wideToken = await gitlabToken(wide, ['api']);
    const narrowToken = await gitlabToken(narrow, ['read_api', 'write_repository']);

    const [wideResult, narrowResult] = [await t.check(wideToken.id), await t.check(narrowToken.id)];

    expect(wideResult.token.findings.find((f) => f.code === 'out-of-scope')?.message).toMatch(
      /sudo is more than it needs/,
    );
    expect(narrowResult.learned).toContain('Lacks write_repository, which its purpose needs.');
    expect(narrowResult.token.findings.map((f) => f.code)).not.toContain('out-of-scope');
  });

  it('links to the instance its token belongs to', async () => {
    const secret = fakeTokens.gitlabLegacy();
    gitlab.addToken(secret, { username: 'grace', scopes: ['api'] });
    const added = await gitlabToken(secret);

    expect((await t.check(added.id)).links.manageTokens).toBe(`${gitlab.url}/-/user_settings/personal_access_tokens`);
  });
});
