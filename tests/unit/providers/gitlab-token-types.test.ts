import { describe, expect, it } from 'vitest';
import { startGitlabEmulator } from '../../emulators/gitlab.js';
import { fakeTokens, randomAlnum, randomHex } from '../../helpers/fake-tokens.js';
import { lifecycleRig } from '../lifecycle/lifecycle-rig.js';
import { value } from './verify-harness.js';
import { freshEachTest, useEmulator } from '../../helpers/lifetimes.js';

// GitLab's token kinds as its own source reads them: only a personal access token answers the
// token API through PRIVATE-TOKEN; an OAuth token answers through Bearer; the rest are read only on
// their own routes, so their 401 here is not a verdict. No live token may ever be confirmed dead.

const gitlab = useEmulator(startGitlabEmulator);
const rig = freshEachTest(lifecycleRig);

const add = (secret: string, label = 'ci') => rig.add({ secret, label, provider: 'gitlab', baseUrl: gitlab.url });

const otherKinds = [
  { name: 'deploy token', build: fakeTokens.gitlabDeploy, kind: 'deploy' as const, where: /Deploy tokens/ },
  {
    name: 'runner authentication token',
    build: () => `glrt-FAKE${randomAlnum(20)}`,
    kind: 'runner' as const,
    where: /Runners/,
  },
  {
    name: 'CI/CD job token',
    build: () => `glcbt-FAKE${randomAlnum(20)}`,
    kind: 'job' as const,
    where: /cancel the job/,
  },
];

describe.each(otherKinds)('GitLab $name (live at GitLab)', ({ build, kind, where }) => {
  it('is never judged by the token API: a verify cannot tell, and it is never disconnected', async () => {
    const secret = build();
    gitlab.addToken(secret, { username: 'grace', scopes: ['read_repository'], kind });
    const token = await add(secret);
    const before = gitlab.requests.length;

    const result = value(await rig.api.verifyToken({ id: token.id }));

    expect(result.outcome).toBe('unreachable');
    expect(result.message).toMatch(/neither live nor dead/);
    expect(result.token.status).not.toBe('disconnected');
    // Nothing is asked: GitLab's 401 to it would mean nothing.
    expect(gitlab.requests.length).toBe(before);
  });

  it('revoking it is by hand, stays pending with where to do it, and its secret stays in the keychain', async () => {
    const secret = build();
    gitlab.addToken(secret, { username: 'grace', scopes: ['read_repository'], kind });
    const token = await add(secret);

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(result).toMatchObject({ state: 'pending', method: 'manual' });
    expect(result.instructions.join(' ')).toMatch(where);
    expect(rig.keychain.entries.get(token.id)).toBe(secret);
    expect(gitlab.tokenState(secret)?.revoked).toBeFalsy();
    // Lapse cannot see it: the person's word settles it, recorded as such.
    const byHand = value(await rig.api.confirmRevocation({ id: token.id, byHand: true }));
    expect(byHand.state).toBe('revoked');
    expect(rig.auditText()).toMatch(/confirmed by the person, not verified/);
  });
});

describe('GitLab OAuth access tokens (no prefix; read from Authorization: Bearer only)', () => {
  const oauthToken = () => `deadbeef${randomHex(56)}`;

  it('a live one is valid, with its account and the scopes and expiry GitLab gives for it', async () => {
    const secret = oauthToken();
    gitlab.addToken(secret, {
      username: 'grace',
      scopes: ['read_user', 'read_api'],
      kind: 'oauth',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    });
    const token = await add(secret);

    const result = value(await rig.api.verifyToken({ id: token.id }));

    expect(result.outcome).toBe('valid');
    expect(result.token).toMatchObject({ account: 'grace', grantedScopes: ['read_user', 'read_api'] });
    expect(result.token.verification?.notes.join(' ')).toMatch(/OAuth access token/);
    // Never sent as PRIVATE-TOKEN, where GitLab would not read it.
    expect(gitlab.requests.slice(-3).every((r) => r.credential === `Bearer ${secret}`)).toBe(true);
  });

  it('once seen live, a revocation at GitLab makes it disconnected as dead', async () => {
    const secret = oauthToken();
    gitlab.addToken(secret, { username: 'grace', scopes: ['api'], kind: 'oauth' });
    const token = await add(secret);
    value(await rig.api.verifyToken({ id: token.id }));
    gitlab.updateToken(secret, { revoked: true });

    const result = value(await rig.api.verifyToken({ id: token.id }));

    expect(result.token.verification).toMatchObject({ outcome: 'rejected', reason: 'revoked', dead: true });
  });

  it('revoking it by API is refused (GitLab revokes OAuth tokens by their application) and it stays pending and live', async () => {
    const secret = oauthToken();
    gitlab.addToken(secret, { username: 'grace', scopes: ['api'], kind: 'oauth' });
    const token = await add(secret);

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(result).toMatchObject({ state: 'pending', method: 'manual' });
    expect(result.message).toMatch(/Authorized applications/);
    expect(rig.keychain.entries.get(token.id)).toBe(secret);
  });
});

describe('GitLab: a value without a prefix GitLab never accepted', () => {
  it('is rejected but not dead (it may be a kind the API does not read), so a revocation is never confirmed', async () => {
    const secret = `FAKE${randomAlnum(16)}`;
    // A legacy (pre-16.7) deploy token: no prefix, live, but not readable by the token API.
    gitlab.addToken(secret, { username: 'grace', scopes: ['read_repository'], kind: 'deploy' });
    const token = await add(secret);

    const verified = value(await rig.api.verifyToken({ id: token.id }));
    expect(verified.token.verification).toMatchObject({ outcome: 'rejected', dead: false });
    expect(verified.message).toMatch(/deploy and runner tokens made before GitLab 16\.7/);

    const result = value(await rig.api.revokeToken({ id: token.id }));
    expect(result.state).toBe('pending');
    expect(rig.keychain.entries.get(token.id)).toBe(secret);
    expect(result.token.revokedAt).toBeNull();
  });

  it('a personal access token from before 14.5 (no prefix) is read by Bearer, revoked by DELETE self and confirmed dead', async () => {
    const secret = `FAKE${randomAlnum(16)}`;
    gitlab.addToken(secret, { username: 'grace', scopes: ['api'] });
    const token = await add(secret);

    expect(value(await rig.api.verifyToken({ id: token.id })).outcome).toBe('valid');
    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(result.state).toBe('revoked');
    expect(gitlab.tokenState(secret)?.revoked).toBe(true);
  });
});

describe('GitLab: the account, not the token (403 from find_current_user!)', () => {
  it.each([
    ['blocked', /account is blocked/],
    ['deactivated', /deactivated/],
    ['terms', /Terms of Service/],
    ['password-expired', /password expired/],
  ] as const)(
    'a %s user: the token does not work now (disconnected, inactive) but is not dead; revoking it never confirms',
    async (state, words) => {
      const secret = fakeTokens.gitlabLegacy();
      const username = `user-${state}`;
      gitlab.addToken(secret, { username, scopes: ['api'] });
      gitlab.setUserState(username, state);
      const token = await add(secret);

      const verified = value(await rig.api.verifyToken({ id: token.id }));
      expect(verified.token.verification).toMatchObject({ outcome: 'rejected', reason: 'inactive', dead: false });
      expect(verified.message).toMatch(words);
      expect(verified.message).toMatch(/not revoked/);

      const result = value(await rig.api.revokeToken({ id: token.id }));
      expect(result.state).toBe('pending');
      expect(rig.keychain.entries.get(token.id)).toBe(secret);

      // Back in good standing, the same token works again: it was never dead.
      gitlab.setUserState(username, 'active');
      expect(value(await rig.api.verifyToken({ id: token.id })).outcome).toBe('valid');
    },
  );
});

describe('GitLab: answers that say nothing about the token', () => {
  it('a user that requires DPoP: cannot tell (never disconnected), and a revocation stays pending', async () => {
    const secret = fakeTokens.gitlabLegacy();
    gitlab.addToken(secret, { username: 'dpop-user', scopes: ['api'] });
    gitlab.requireDpop('dpop-user', true);
    const token = await add(secret);

    const verified = value(await rig.api.verifyToken({ id: token.id }));
    expect(verified.outcome).toBe('unreachable');
    expect(verified.message).toMatch(/DPoP/);

    const result = value(await rig.api.revokeToken({ id: token.id }));
    expect(result.state).toBe('pending');
    expect(gitlab.tokenState(secret)?.revoked).toBeFalsy();
    expect(rig.keychain.entries.get(token.id)).toBe(secret);
  });

  it('an impersonation token while impersonation is off: rejected for now, not dead', async () => {
    const noImpersonation = await startGitlabEmulator({ impersonationEnabled: false });
    try {
      const secret = fakeTokens.gitlabLegacy();
      noImpersonation.addToken(secret, { username: 'grace', scopes: ['api'], kind: 'impersonation' });
      const token = await rig.add({
        secret,
        label: 'admin as grace',
        provider: 'gitlab',
        baseUrl: noImpersonation.url,
      });

      const verified = value(await rig.api.verifyToken({ id: token.id }));

      expect(verified.token.verification).toMatchObject({ outcome: 'rejected', reason: 'inactive', dead: false });
      expect(verified.message).toMatch(/impersonation was disabled/);
    } finally {
      await noImpersonation.close();
    }
  });

  it("a 429 without Retry-After waits until GitLab's RateLimit-Reset, then verifies", async () => {
    const secret = fakeTokens.gitlabLegacy();
    gitlab.addToken(secret, { username: 'grace', scopes: ['api'] });
    const token = await add(secret);
    gitlab.throttleWithoutRetryAfter(2, 2);
    const started = Date.now();

    const result = value(await rig.api.verifyToken({ id: token.id }));

    expect(result.outcome).toBe('valid');
    // RateLimit-Reset is whole Unix seconds 2 s ahead: Lapse waited for it, not ~1 s of backoff.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    const throttledAt = gitlab.requests.filter((r) => r.path === '/api/v4/personal_access_tokens/self');
    expect(throttledAt.length).toBeGreaterThanOrEqual(2);
  });
});

describe('GitLab granular personal access tokens (scopes: ["granular"])', () => {
  it('are valid with no scope list, so a declared purpose is never an out-of-scope finding', async () => {
    const secret = fakeTokens.gitlabRoutable();
    gitlab.addToken(secret, { username: 'grace', scopes: ['read_api'], granular: true });
    const token = await rig.add({ secret, label: 'fine', baseUrl: gitlab.url, scopes: ['read_repository'] });

    const result = value(await rig.api.verifyToken({ id: token.id }));

    expect(result.outcome).toBe('valid');
    expect(result.token.grantedScopes).toBeNull();
    expect(result.token.findings.map((f) => f.code)).not.toContain('out-of-scope');
    expect(result.token.verification?.notes.join(' ')).toMatch(/granular personal access token/);
  });
});
