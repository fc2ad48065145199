import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeRotations } from '../../../electron/lifecycle/rotation-calls.js';
import { beginJournal, readJournals, unfinishedJournals } from '../../../electron/lifecycle/rotation-journal.js';
import { startGithubEmulator, type GithubEmulator } from '../../emulators/github.js';
import { startOidcEmulator, type OidcEmulator } from '../../emulators/oidc.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { fastHttp, value } from '../providers/verify-harness.js';
import { lifecycleRig } from './lifecycle-rig.js';
import { freshEachTest } from '../../helpers/lifetimes.js';

// What happens after a rotation's new value is current: the old value's revocation confirmed later
// (OAuth: by expiry or introspection), confirmed by the person where Lapse cannot verify, and a
// token deleted while a rotation is in flight leaving nothing behind.

let github: GithubEmulator;
let oidc: OidcEmulator;
const rig = freshEachTest(lifecycleRig);

beforeAll(async () => {
  [github, oidc] = await Promise.all([startGithubEmulator(), startOidcEmulator()]);
});
afterAll(() => Promise.all([github.close(), oidc.close()]));

const slots = (id: string) => [...rig.keychain.entries.keys()].filter((k) => k.startsWith(id)).sort();
const resume = () => resumeRotations({ keychain: rig.keychain, store: rig.store, now: Date.now }, { http: fastHttp });
const plainKey = () => `plain-FAKE-${randomBytes(16).toString('hex')}`;
const findingCodes = async (id: string) => value(await rig.api.getToken({ id })).findings.map((f) => f.code);

/** An OAuth token whose access token lives `ttl` seconds, with its client and refresh token stored. */
async function oauthToken(ttl: number) {
  const tokens = await oidc.codeFlowTokens('alice', { accessTokenTtl: ttl });
  const token = await rig.add({
    secret: tokens.access_token,
    label: 'api user',
    provider: 'oauth2',
    baseUrl: oidc.url,
  });
  rig.keychain.entries.set(`${token.id}#client`, oidc.clientCompanion);
  rig.keychain.entries.set(`${token.id}#refresh`, tokens.refresh_token);
  return { token, tokens, expiresAt: Date.now() + ttl * 1000 };
}

const until = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now()) + 300));

describe('OAuth: the old access token, left to expire, is confirmed dead on a later start', () => {
  it('past its expiry it is dead without asking (the issuer is down), the journal finishes and the finding goes away', async () => {
    const { token, tokens, expiresAt } = await oauthToken(2);
    expect(value(await rig.api.verifyToken({ id: token.id })).outcome).toBe('valid');

    const rotated = value(await rig.api.rotateToken({ id: token.id }));
    expect(rotated.state).toBe('revocation-pending');
    expect(await findingCodes(token.id)).toContain('revocation-pending');
    await resume();
    // Still within its lifetime: still live at the issuer, so still pending.
    expect(await oidc.introspect(tokens.access_token)).toMatchObject({ active: true });
    expect(unfinishedJournals(rig.home)).toHaveLength(1);

    await until(expiresAt);
    oidc.fault('/token/introspection', { kind: 'status', status: 503 });
    try {
      await resume();
    } finally {
      oidc.fault('/token/introspection', null);
    }

    expect(readJournals(rig.home).map((j) => [j.step, j.outcome])).toEqual([['finished', 'done']]);
    const after = value(await rig.api.getToken({ id: token.id }));
    expect(after.status).not.toBe('revocation-pending');
    expect(after.findings.map((f) => f.code)).not.toContain('revocation-pending');
    expect(after.revocation?.confirmedAt).not.toBeNull();
    expect(slots(token.id)).toEqual([token.id, `${token.id}#client`, `${token.id}#refresh`]);
    expect(await oidc.introspect(rig.keychain.entries.get(token.id) ?? '')).toMatchObject({ active: true });
    expect(rig.auditText()).toMatch(/The value this token replaced is confirmed dead \(it expired at /);
  });

  it('with no known expiry, introspection saying inactive confirms it', async () => {
    const { token, tokens, expiresAt } = await oauthToken(2);
    expect(value(await rig.api.rotateToken({ id: token.id })).state).toBe('revocation-pending');

    await until(expiresAt);
    expect(await oidc.introspect(tokens.access_token)).toEqual({ active: false });
    await resume();

    expect(readJournals(rig.home).map((j) => [j.step, j.outcome])).toEqual([['finished', 'done']]);
    expect(await findingCodes(token.id)).not.toContain('revocation-pending');
    expect(rig.auditText()).toMatch(/confirmed dead \(The issuer reports it as inactive/);
  });
});

describe('a provider Lapse cannot verify: the person revokes by hand and says so', () => {
  it('a guided rotation finishes at promotion; the old value stays revocation-pending with steps until the person confirms it', async () => {
    const old = plainKey();
    const next = plainKey();
    const token = await rig.add({ secret: old, label: 'billing key', provider: 'generic' });

    const done = value(await rig.api.completeGuidedRotation({ id: token.id, secret: next }));

    expect(done.state).toBe('revocation-pending');
    expect(done.message).toContain(`lapse revoke ${token.id} --by-hand`);
    expect(readJournals(rig.home).map((j) => [j.step, j.outcome])).toEqual([['finished', 'done']]);
    expect(done.token.revocation).toMatchObject({ method: 'manual', target: 'previous', confirmedAt: null });
    expect(done.token.status).toBe('revocation-pending');
    // Nothing checked the new value, so the token does not claim a verification.
    expect(done.token.lastVerifiedAt).toBeNull();
    expect(rig.keychain.entries.get(token.id)).toBe(next);
    expect(rig.keychain.entries.get(`${token.id}#previous`)).toBe(old);

    const asked = value(await rig.api.confirmRevocation({ id: token.id }));
    expect(asked.state).toBe('pending');
    expect(asked.instructions).toHaveLength(3);
    expect(asked.instructions[1]).toContain(`not ${done.token.masked}`);
    expect(asked.instructions[2]).toContain('--by-hand');
    // A second rotation now would overwrite #previous and lose track of a value that may be live.
    const again = await rig.api.completeGuidedRotation({ id: token.id, secret: plainKey() });
    expect(again.ok ? null : again.error.message).toMatch(/not confirmed revoked yet/);

    const confirmed = value(await rig.api.confirmRevocation({ id: token.id, byHand: true }));

    expect(confirmed.state).toBe('revoked');
    expect(confirmed.token.revokedAt).toBeNull();
    expect(confirmed.token.status).not.toBe('revocation-pending');
    expect(confirmed.token.revocation?.confirmedAt).not.toBeNull();
    expect(slots(token.id)).toEqual([token.id]);
    expect(rig.keychain.entries.get(token.id)).toBe(next);
    expect(rig.auditText()).toContain('revocation confirmed by the person, not verified');
  });

  it('revoking such a token: pending with steps, then the person confirms; its secret leaves the keychain, its history stays', async () => {
    const token = await rig.add({ secret: fakeTokens.stripeTest(), label: 'billing' });
    expect(value(await rig.api.revokeToken({ id: token.id }))).toMatchObject({ state: 'pending', method: 'manual' });

    const confirmed = value(await rig.api.confirmRevocation({ id: token.id, byHand: true }));

    expect(confirmed.state).toBe('revoked');
    expect(confirmed.token.revokedAt).not.toBeNull();
    expect(slots(token.id)).toEqual([]);
    const last = value(await rig.api.getHistory({ id: token.id })).entries.at(-1);
    expect(last?.detail).toMatch(
      /^Revocation confirmed by the person, not verified \(Lapse cannot verify Stripe tokens\)/,
    );
  });

  it('refused where Lapse can verify: there only a verify that shows it dead counts', async () => {
    const secret = fakeTokens.githubClassic();
    github.addToken(secret, { login: 'octocat', scopes: ['repo'] });
    const token = await rig.add({ secret, label: 'ci', baseUrl: github.url });

    const result = await rig.api.confirmRevocation({ id: token.id, byHand: true });

    expect(result.ok ? null : result.error).toMatchObject({ code: 'invalid-input' });
    expect(result.ok ? '' : result.error.message).toMatch(/only a verify that shows it dead/);
    expect(rig.keychain.entries.get(token.id)).toBe(secret);
    expect(value(await rig.api.getToken({ id: token.id })).revokedAt).toBeNull();
  });
});

describe('confirming the revocation of the value a rotation replaced', () => {
  it('checks that old value, not the current one: once GitHub rejects it, it is confirmed and the rotation finishes', async () => {
    const old = fakeTokens.githubClassic();
    const next = fakeTokens.githubClassic();
    github.addToken(old, { login: 'octocat', scopes: ['repo'] });
    github.addToken(next, { login: 'octocat', scopes: ['repo'] });
    const token = await rig.add({ secret: old, label: 'ci', baseUrl: github.url });
    github.inject('POST /credentials/revoke', { kind: 'server-error', status: 503 }, { times: 10 });
    expect(value(await rig.api.completeGuidedRotation({ id: token.id, secret: next })).state).toBe(
      'revocation-pending',
    );

    expect(value(await rig.api.confirmRevocation({ id: token.id })).state).toBe('pending');
    github.updateToken(old, { revoked: true });
    const confirmed = value(await rig.api.confirmRevocation({ id: token.id }));

    expect(confirmed.state).toBe('revoked');
    expect(confirmed.token.revokedAt).toBeNull();
    expect(confirmed.token.status).not.toBe('revocation-pending');
    expect(github.tokenState(next)?.revoked).toBeFalsy();
    expect(slots(token.id)).toEqual([token.id]);
    await resume();
    expect(readJournals(rig.home).map((j) => [j.step, j.outcome])).toEqual([['finished', 'done']]);
  });
});

describe('deleting a token while a rotation is in flight', () => {
  it('deleteToken removes the new value waiting in #pending (the token itself waits in Recently deleted), and the journal ends abandoned at the next start', async () => {
    const old = fakeTokens.githubClassic();
    const next = fakeTokens.githubClassic();
    github.addToken(old, { login: 'octocat', scopes: ['repo'] });
    github.addToken(next, { login: 'octocat', scopes: ['repo'] });
    const token = await rig.add({ secret: old, label: 'ci', baseUrl: github.url });
    github.inject('GET /user', { kind: 'server-error', status: 503 }, { times: 10 });
    // GitHub down while checking the replacement: the rotation waits at pending-stored.
    expect(value(await rig.api.completeGuidedRotation({ id: token.id, secret: next })).state).toBe('pending');
    expect(slots(token.id)).toEqual([token.id, `${token.id}#pending`]);

    value(await rig.api.deleteToken({ id: token.id }));
    expect(slots(token.id)).toEqual([token.id]);

    await resume();
    expect(readJournals(rig.home).map((j) => [j.step, j.outcome])).toEqual([['finished', 'abandoned']]);
    value(await rig.api.purgeDeleted({ id: token.id }));
    expect(slots(token.id)).toEqual([]);
  });

  it('deleteToken removes the replaced value (#previous) of an OAuth rotation still pending; deleting for good removes the rest', async () => {
    const { token } = await oauthToken(300);
    expect(value(await rig.api.rotateToken({ id: token.id })).state).toBe('revocation-pending');
    expect(slots(token.id)).toContain(`${token.id}#previous`);

    value(await rig.api.deleteToken({ id: token.id }));
    expect(slots(token.id).filter((s) => /#(previous|pending)/.test(s))).toEqual([]);

    value(await rig.api.purgeDeleted({ id: token.id }));
    expect(slots(token.id)).toEqual([]);
  });

  it('a token whose metadata went while its rotation waited: the next start clears #previous as well', async () => {
    const { token } = await oauthToken(300);
    expect(value(await rig.api.rotateToken({ id: token.id })).state).toBe('revocation-pending');
    await rig.store.update((vault) => {
      delete vault.tokens[token.id];
    });

    await resume();

    expect(slots(token.id)).not.toContain(`${token.id}#previous`);
    expect(readJournals(rig.home).map((j) => [j.step, j.outcome])).toEqual([['finished', 'abandoned']]);
  });
});

describe("stopped between keeping the refresh answer's two values", () => {
  it('only the new refresh token reached the keychain: the next start keeps it as the refresh token, so the next rotation works', async () => {
    const { token, tokens } = await oauthToken(300);
    // The issuer answered (the old refresh token is now spent); Lapse kept #pending-refresh and stopped.
    const answered = await oidc.refreshRaw(tokens.refresh_token);
    expect(answered.status).toBe(200);
    const newRefresh = String(answered.body['refresh_token']);
    beginJournal(rig.home, token.id, 'oauth-refresh', null, Date.now());
    rig.keychain.entries.set(`${token.id}#pending-refresh`, newRefresh);

    await resume();

    expect(readJournals(rig.home).map((j) => [j.step, j.outcome])).toEqual([['finished', 'abandoned']]);
    expect(rig.keychain.entries.get(`${token.id}#refresh`)).toBe(newRefresh);
    expect(slots(token.id)).not.toContain(`${token.id}#pending-refresh`);
    const again = value(await rig.api.rotateToken({ id: token.id }));
    expect(['finished', 'revocation-pending']).toContain(again.state);
    expect(rig.keychain.entries.get(token.id)).not.toBe(tokens.access_token);
  });
});
