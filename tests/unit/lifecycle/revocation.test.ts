import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditFileOf } from '../../../electron/audit/audit-log.js';
import { oidcResources } from '../../emulators/oidc.js';
import { fakeTokens, tracesIn } from '../../helpers/fake-tokens.js';
import { modeOf } from '../../helpers/temp-home.js';
import { value } from '../providers/verify-harness.js';
import { lifecycleRig } from './lifecycle-rig.js';
import { freshEachTest } from '../../helpers/lifetimes.js';
import { everyProviderEmulator } from '../../helpers/provider-emulators.js';

const { github, gitlab, slack, npm, oidc } = everyProviderEmulator();
const rig = freshEachTest(lifecycleRig);

describe('revoking a token by its provider’s API, then confirming it is dead', () => {
  it('GitHub: revoked unauthenticated at /credentials/revoke, confirmed by a verify, secret out of the keychain, history kept', async () => {
    const secret = fakeTokens.githubClassic();
    github.addToken(secret, { login: 'octocat', scopes: ['repo'] });
    const token = await rig.add({ secret, label: 'laptop push', baseUrl: github.url });

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(result).toMatchObject({ state: 'revoked', method: 'api' });
    expect(result.token.status).toBe('revoked');
    expect(result.token.revocation?.confirmedAt).toBe(result.token.revokedAt);
    expect(github.tokenState(secret)?.revoked).toBe(true);
    const call = github.requests.find((r) => r.path === '/credentials/revoke');
    expect(call?.credential).toBeNull();
    expect(rig.keychain.entries.has(token.id)).toBe(false);
    expect(value(await rig.api.getToken({ id: token.id })).label).toBe('laptop push');
  });

  it('GitLab (DELETE self), Slack (auth.revoke) and npm (DELETE by the listed key) each end revoked and confirmed', async () => {
    const gl = fakeTokens.gitlabLegacy();
    const sl = fakeTokens.slackBot();
    const np = fakeTokens.npm();
    gitlab.addToken(gl, { username: 'grace', scopes: ['api'] });
    slack.addToken(sl, { user: 'bot', team: 'Acme' });
    npm.addToken(np, { username: 'publisher' });
    const ids = [
      (await rig.add({ secret: gl, label: 'deploy', baseUrl: gitlab.url })).id,
      (await rig.add({ secret: sl, label: 'notifier', baseUrl: slack.url })).id,
      (await rig.add({ secret: np, label: 'publish', baseUrl: npm.url })).id,
    ];
    for (const id of ids)
      expect(value(await rig.api.revokeToken({ id }))).toMatchObject({ state: 'revoked', method: 'api' });
    expect(gitlab.tokenState(gl)?.revoked).toBe(true);
    expect(slack.tokenState(sl)?.revoked).toBe(true);
    expect(npm.deleted(np)).toBe(true);
  });

  it('OAuth: RFC 7009 at the real oidc-provider, confirmed by introspection', async () => {
    const { access_token } = await oidc.clientCredentialsToken(oidcResources.opaque);
    const token = await rig.add({ secret: access_token, label: 'api client', provider: 'oauth2', baseUrl: oidc.url });
    rig.keychain.entries.set(`${token.id}#client`, oidc.clientCompanion);

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(result.state).toBe('revoked');
    expect(await oidc.introspect(access_token)).toEqual({ active: false });
    expect(rig.keychain.entries.has(`${token.id}#client`)).toBe(false);
  });

  it('a provider that keeps failing (5xx) leaves the token revocation-pending, never revoked; a later confirm finishes it', async () => {
    const secret = fakeTokens.githubClassic();
    github.addToken(secret, { login: 'octocat', scopes: ['repo'] });
    const token = await rig.add({ secret, label: 'ci', baseUrl: github.url });
    github.inject('POST /credentials/revoke', { kind: 'server-error', status: 502 }, { times: 10 });

    const result = value(await rig.api.revokeToken({ id: token.id }));
    github.clearFaults();

    expect(result.state).toBe('pending');
    expect(result.token.revokedAt).toBeNull();
    expect(result.token.status).toBe('revocation-pending');
    expect(result.token.findings[0]?.message).toMatch(/^Old token still live/);
    expect(rig.keychain.entries.get(token.id)).toBe(secret);
    expect(github.requests.filter((r) => r.path === '/credentials/revoke').length).toBeGreaterThan(1);

    github.updateToken(secret, { revoked: true });
    expect(value(await rig.api.confirmRevocation({ id: token.id }))).toMatchObject({ state: 'revoked' });
  });

  it('a 429 with Retry-After is waited out and the revocation goes through', async () => {
    const secret = fakeTokens.gitlabLegacy();
    gitlab.addToken(secret, { username: 'grace', scopes: ['api'] });
    const token = await rig.add({ secret, label: 'deploy', baseUrl: gitlab.url });
    gitlab.inject('DELETE /api/v4/personal_access_tokens/self', { kind: 'rate-limit', retryAfterSeconds: 1 });
    expect(value(await rig.api.revokeToken({ id: token.id })).state).toBe('revoked');
  });

  it('npm: of two listed tokens that show the same first characters, the one deleted is this one, found by its sha512 key', async () => {
    const np = fakeTokens.npm();
    const other = fakeTokens.npm();
    npm.addToken(np, { username: 'lookalike' });
    npm.addToken(other, { username: 'lookalike' });
    const token = await rig.add({ secret: np, label: 'publish', baseUrl: npm.url });
    const result = value(await rig.api.revokeToken({ id: token.id }));
    expect(result.state).toBe('revoked');
    expect(npm.deleted(np)).toBe(true);
    expect(npm.deleted(other)).toBe(false);
  });

  it('a provider without a revocation API gets step-by-step instructions and stays revocation-pending', async () => {
    const token = await rig.add({ secret: fakeTokens.stripeTest(), label: 'billing' });
    const result = value(await rig.api.revokeToken({ id: token.id }));
    expect(result).toMatchObject({ state: 'pending', method: 'manual' });
    expect(result.instructions).toHaveLength(3);
    expect(result.instructions[1]).toContain('billing');
    expect(result.token.status).toBe('revocation-pending');
    expect(rig.keychain.entries.has(token.id)).toBe(true);
  });

  it('forget removes a revoked token’s metadata too, and refuses a live one', async () => {
    const secret = fakeTokens.githubClassic();
    github.addToken(secret, { login: 'octocat', scopes: ['repo'] });
    const live = await rig.add({ secret: fakeTokens.stripeTest(), label: 'live one' });
    const token = await rig.add({ secret, label: 'to forget', baseUrl: github.url });
    expect((await rig.api.forgetToken({ id: live.id })).ok).toBe(false);
    value(await rig.api.revokeToken({ id: token.id }));
    value(await rig.api.forgetToken({ id: token.id }));
    expect((await rig.api.getToken({ id: token.id })).ok).toBe(false);
    expect(value(await rig.api.getHistory({ id: token.id })).entries.map((e) => e.event)).toEqual([
      'added',
      'revoked',
      'verified',
      'revoked',
      'deleted',
    ]);
  });
});

describe('the audit log', () => {
  it('records each step as one JSON line, mode 0600, with no secret in it', async () => {
    const secret = fakeTokens.githubClassic();
    github.addToken(secret, { login: 'octocat', scopes: ['repo'] });
    const token = await rig.add({ secret, label: 'laptop push', baseUrl: github.url });
    value(await rig.api.editToken({ id: token.id, changes: { purpose: 'push from laptop' } }));
    value(await rig.api.verifyToken({ id: token.id }));
    value(await rig.api.deleteToken({ id: token.id }));

    const entries = value(await rig.api.getHistory({})).entries;
    expect(entries.map((e) => e.event)).toEqual(['added', 'edited', 'verified', 'deleted']);
    expect(entries.every((e) => e.tokenId === token.id && e.label === 'laptop push')).toBe(true);
    expect(entries[2]?.detail).toMatch(/^Accepted: GitHub accepts it/);
    expect(modeOf(auditFileOf(rig.store))).toBe(0o600);
    expect(rig.auditText().trim().split('\n')).toHaveLength(4);
    expect(tracesIn(rig.auditText(), secret)).toEqual([]);
  });

  it('a torn last line (a crash mid-write) does not hide the rest', async () => {
    await rig.add({ secret: fakeTokens.stripeTest(), label: 'billing' });
    fs.appendFileSync(auditFileOf(rig.store), '{"at":"2026-');
    expect(value(await rig.api.getHistory({})).entries).toHaveLength(1);
  });
});

describe('offboarding', () => {
  it('revokes every token of a tag and returns a receipt of what was confirmed and what is still live', async () => {
    const gh = fakeTokens.githubClassic();
    const gl = fakeTokens.gitlabLegacy();
    github.addToken(gh, { login: 'octocat', scopes: ['repo'] });
    gitlab.addToken(gl, { username: 'grace', scopes: ['api'] });
    await rig.add({ secret: gh, label: 'acme push', baseUrl: github.url, tags: ['acme'] });
    await rig.add({ secret: gl, label: 'acme deploy', baseUrl: gitlab.url, tags: ['acme'] });
    await rig.add({ secret: fakeTokens.stripeTest(), label: 'acme billing', tags: ['acme'] });
    const kept = await rig.add({ secret: fakeTokens.npm(), label: 'other', tags: ['personal'] });

    const receipt = value(await rig.api.offboard({ selector: { tag: 'acme' } }));

    expect(receipt.summary).toEqual({ total: 3, revoked: 2, pending: 1, failed: 0 });
    expect(receipt.entries.find((e) => e.label === 'acme push')).toMatchObject({ state: 'revoked', method: 'api' });
    expect(receipt.entries.find((e) => e.label === 'acme billing')).toMatchObject({
      state: 'pending',
      method: 'manual',
      confirmedAt: null,
    });
    expect(receipt.markdown).toContain('# Offboarding receipt: tag "acme"');
    expect(receipt.markdown).toContain('3 tokens: 2 revoked and confirmed dead, 1 still live, 0 failed.');
    expect(receipt.markdown).toContain('## Still to do');
    expect(value(await rig.api.getToken({ id: kept.id })).revocation).toBeUndefined();
    expect(tracesIn(JSON.stringify(receipt), gh)).toEqual([]);
  });
});
