import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unfinishedJournals, readJournals } from '../../../electron/lifecycle/rotation-journal.js';
import { startGithubEmulator, type GithubEmulator } from '../../emulators/github.js';
import { startGitlabEmulator, type GitlabEmulator } from '../../emulators/gitlab.js';
import { startOidcEmulator, type OidcEmulator } from '../../emulators/oidc.js';
import { fakeTokens, tracesIn } from '../../helpers/fake-tokens.js';
import { allFileText } from '../../helpers/temp-home.js';
import { value } from '../providers/verify-harness.js';
import { lifecycleRig } from './lifecycle-rig.js';
import { freshEachTest } from '../../helpers/lifetimes.js';

let github: GithubEmulator;
let gitlab: GitlabEmulator;
let oidc: OidcEmulator;
const rig = freshEachTest(lifecycleRig);

beforeAll(async () => {
  [github, gitlab, oidc] = await Promise.all([startGithubEmulator(), startGitlabEmulator(), startOidcEmulator()]);
});
afterAll(() => Promise.all([github, gitlab, oidc].map((e) => e.close())));

/** An expiry GitLab accepts: within its maximum lifetime (365 days by default). */
const chosen = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);

const slots = (id: string) => [...rig.keychain.entries.keys()].filter((k) => k.startsWith(id)).sort();

describe('automatic rotation', () => {
  it('GitLab: self/rotate with the chosen expiry; the new value is current, the old one confirmed dead, the journal finished', async () => {
    const old = fakeTokens.gitlabLegacy();
    gitlab.addToken(old, { username: 'grace', scopes: ['api'] });
    const token = await rig.add({ secret: old, label: 'deploy', baseUrl: gitlab.url, scopes: ['api'] });

    const result = value(await rig.api.rotateToken({ id: token.id, expiresAt: chosen }));

    expect(result).toMatchObject({ state: 'finished', kind: 'automatic' });
    const current = rig.keychain.entries.get(token.id) ?? '';
    expect(current).not.toBe(old);
    expect(gitlab.liveTokens()).toEqual([current]);
    expect(gitlab.tokenState(current)?.expiresAt).toBe(chosen);
    expect(result.token.expiresAt).toBe(`${chosen}T00:00:00.000Z`);
    expect(result.token.revocation).toMatchObject({ target: 'previous' });
    expect(result.token.revocation?.confirmedAt).not.toBeNull();
    expect(result.token.status).not.toBe('revocation-pending');
    expect(slots(token.id)).toEqual([token.id]);
    expect(readJournals(rig.home).map((j) => [j.step, j.outcome])).toEqual([['finished', 'done']]);
    expect(gitlab.requests.filter((r) => r.path.endsWith('/rotate'))).toHaveLength(1);
  });

  it('GitLab answering the rotate call with 500 is never replayed: the old token still works, so nothing changed', async () => {
    const old = fakeTokens.gitlabLegacy();
    gitlab.addToken(old, { username: 'grace', scopes: ['api'] });
    const token = await rig.add({ secret: old, label: 'deploy', baseUrl: gitlab.url });
    gitlab.inject('POST /api/v4/personal_access_tokens/self/rotate', { kind: 'server-error', status: 500 });
    const before = gitlab.requests.filter((r) => r.path.endsWith('/rotate')).length;

    const result = await rig.api.rotateToken({ id: token.id });

    expect(result.ok).toBe(false);
    expect(gitlab.requests.filter((r) => r.path.endsWith('/rotate')).length - before).toBe(1);
    expect(rig.keychain.entries.get(token.id)).toBe(old);
    expect(unfinishedJournals(rig.home)).toEqual([]);
  });

  it('GitLab timing out after rotating: the old token is now dead, so the token is marked for re-authorization', async () => {
    const old = fakeTokens.gitlabLegacy();
    gitlab.addToken(old, { username: 'grace', scopes: ['api'] });
    const token = await rig.add({ secret: old, label: 'deploy', baseUrl: gitlab.url });
    gitlab.inject('POST /api/v4/personal_access_tokens/self/rotate', { kind: 'slow-body', ms: 4_000 });
    const before = gitlab.requests.filter((r) => r.path.endsWith('/rotate')).length;

    const result = value(await rig.api.rotateToken({ id: token.id }));

    expect(result.state).toBe('reauthorize');
    expect(result.token.status).toBe('disconnected');
    expect(gitlab.requests.filter((r) => r.path.endsWith('/rotate')).length - before).toBe(1);
    expect(readJournals(rig.home)[0]).toMatchObject({ step: 'finished', outcome: 'reauthorize' });
  });

  it('OAuth: a refresh with rotating refresh tokens at the real oidc-provider; the old refresh token spent, the old access token left to expire', async () => {
    const tokens = await oidc.codeFlowTokens();
    const token = await rig.add({
      secret: tokens.access_token,
      label: 'api user',
      provider: 'oauth2',
      baseUrl: oidc.url,
    });
    rig.keychain.entries.set(`${token.id}#client`, oidc.clientCompanion);
    rig.keychain.entries.set(`${token.id}#refresh`, tokens.refresh_token);

    const result = value(await rig.api.rotateToken({ id: token.id }));

    // Revoking the old access token would end the grant (the new tokens with it), so it stays pending until it expires.
    expect(result.state).toBe('revocation-pending');
    expect(result.token.status).toBe('revocation-pending');
    const current = rig.keychain.entries.get(token.id) ?? '';
    const refresh = rig.keychain.entries.get(`${token.id}#refresh`) ?? '';
    expect(await oidc.introspect(current)).toMatchObject({ active: true });
    expect(refresh).not.toBe(tokens.refresh_token);
    expect(await oidc.introspect(tokens.refresh_token)).toEqual({ active: false });
    expect(await oidc.introspect(refresh)).toMatchObject({ active: true });
    expect(slots(token.id)).toEqual([token.id, `${token.id}#client`, `${token.id}#previous`, `${token.id}#refresh`]);
    expect(unfinishedJournals(rig.home)).toHaveLength(1);
  });
});

describe('guided rotation', () => {
  it('GitHub PAT: the guide names the create page and the old scopes; the replacement is verified, stored, and the old one revoked', async () => {
    const old = fakeTokens.githubClassic();
    const next = fakeTokens.githubClassic();
    github.addToken(old, { login: 'octocat', scopes: ['repo'] });
    github.addToken(next, { login: 'octocat', scopes: ['repo', 'admin:org'] });
    const token = await rig.add({ secret: old, label: 'ci', baseUrl: github.url, scopes: ['repo'] });
    value(await rig.api.verifyToken({ id: token.id }));

    const started = value(await rig.api.rotateToken({ id: token.id }));
    expect(started.state).toBe('guided');
    expect(started.guide).toMatchObject({ scopes: ['repo'] });
    expect(started.guide?.createLink).toMatch(/\/settings\/tokens\/new$/);

    const done = value(await rig.api.completeGuidedRotation({ id: token.id, secret: next }));

    expect(done.state).toBe('finished');
    expect(done.warnings.map((w) => w.code)).toEqual(['scope-widened']);
    expect(done.warnings[0]?.message).toContain('admin:org');
    expect(rig.keychain.entries.get(token.id)).toBe(next);
    expect(github.tokenState(old)?.revoked).toBe(true);
    expect(slots(token.id)).toEqual([token.id]);
  });

  it('a replacement for another account is refused and nothing changes', async () => {
    const old = fakeTokens.githubClassic();
    const other = fakeTokens.githubClassic();
    github.addToken(old, { login: 'octocat', scopes: ['repo'] });
    github.addToken(other, { login: 'mallory', scopes: ['repo'] });
    const token = await rig.add({ secret: old, label: 'ci', baseUrl: github.url, scopes: ['repo'] });
    value(await rig.api.verifyToken({ id: token.id }));

    const result = await rig.api.completeGuidedRotation({ id: token.id, secret: other });

    expect(result.ok ? null : result.error.message).toMatch(/belongs to mallory, not octocat/);
    expect(rig.keychain.entries.get(token.id)).toBe(old);
    expect(github.tokenState(old)?.revoked).toBeFalsy();
    expect(slots(token.id)).toEqual([token.id]);
  });

  it('a replacement lacking a scope the purpose needs is refused', async () => {
    const old = fakeTokens.githubClassic();
    const narrow = fakeTokens.githubClassic();
    github.addToken(old, { login: 'octocat', scopes: ['repo', 'workflow'] });
    github.addToken(narrow, { login: 'octocat', scopes: ['repo'] });
    const token = await rig.add({ secret: old, label: 'ci', baseUrl: github.url, scopes: ['repo', 'workflow'] });
    const result = await rig.api.completeGuidedRotation({ id: token.id, secret: narrow });
    expect(result.ok ? null : result.error.message).toMatch(/lacks workflow/);
    expect(rig.keychain.entries.get(token.id)).toBe(old);
  });
});

describe('seed scenario: a token found exposed', () => {
  it('is rotated, the old one revoked, and both steps are in its history; no secret on disk', async () => {
    const old = fakeTokens.gitlabLegacy();
    gitlab.addToken(old, { username: 'grace', scopes: ['api'] });
    const token = await rig.add({ secret: old, label: 'leaked deploy', baseUrl: gitlab.url });
    await rig.store.update((vault) => {
      const r = vault.tokens[token.id];
      if (r) r.exposures = [{ file: '/srv/app/.env', line: 3, foundAt: new Date(Date.now() - 60_000).toISOString() }];
    });
    expect(value(await rig.api.getToken({ id: token.id })).status).toBe('exposed');

    const result = value(await rig.api.rotateToken({ id: token.id }));

    expect(result.state).toBe('finished');
    expect(result.token.findings.map((f) => f.code)).not.toContain('exposed');
    expect(gitlab.tokenState(old)?.revoked).toBe(true);
    const events = value(await rig.api.getHistory({ id: token.id })).entries.map((e) => `${e.event}: ${e.detail}`);
    expect(events.some((e) => /^rotated: Rotated \(gitlab-self-rotate\)/.test(e))).toBe(true);
    expect(events.some((e) => /^revoked: The value this token replaced is confirmed dead/.test(e))).toBe(true);
    const disk = allFileText(rig.home)
      .map((f) => f.text)
      .join('\n');
    expect(tracesIn(disk, old)).toEqual([]);
    expect(tracesIn(disk, rig.keychain.entries.get(token.id) ?? 'x')).toEqual([]);
  });
});
