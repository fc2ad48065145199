import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readJournals } from '../../../electron/lifecycle/rotation-journal.js';
import { startGithubEmulator, type GithubEmulator } from '../../emulators/github.js';
import { startGitlabEmulator, type GitlabEmulator } from '../../emulators/gitlab.js';
import { startNpmEmulator, type NpmEmulator } from '../../emulators/npm.js';
import { startOidcEmulator, type OidcEmulator } from '../../emulators/oidc.js';
import { fakeTokens, randomId } from '../../helpers/fake-tokens.js';
import { value } from '../providers/verify-harness.js';
import { faultRig, oidcFaultOnce, trickleMs, type FaultRig } from './fault-rig.js';
import { freshEachTest } from '../../helpers/lifetimes.js';

// Rotation when the provider refuses, rate-limits, times out midway or fails (docs/SECURITY.md,
// 'Rotation survives a crash'): a rotate call is sent once and never replayed (counted at the emulator); a rotation that
// happened but whose answer was lost marks the token for re-authorization; one that did not happen
// changes nothing; a fault never disconnects a token; no secret in any message or file.
// (Slack refresh rotation has its own fault tests.)

let github: GithubEmulator;
let gitlab: GitlabEmulator;
let npm: NpmEmulator;
let oidc: OidcEmulator;
let oidcOnce: ReturnType<typeof oidcFaultOnce>;
const rig = freshEachTest(faultRig);

beforeAll(async () => {
  [github, gitlab, npm, oidc] = await Promise.all([
    startGithubEmulator(),
    startGitlabEmulator(),
    startNpmEmulator(),
    startOidcEmulator(),
  ]);
  oidcOnce = oidcFaultOnce(oidc);
});
afterAll(() => Promise.all([github, gitlab, npm, oidc].map((e) => e.close())));
afterEach(async () => {
  for (const e of [github, gitlab, npm]) e.clearFaults();
  github.spamRevocations(false);
  oidcOnce.reset();
});

const failure = (result: { ok: boolean; error?: { code: string; message: string } }) =>
  result.ok ? null : (result.error ?? null);
/** A rotation paused on a provider that did not answer: an answer (not an error) in state `pending`, and its message. */
const paused = (result: Awaited<ReturnType<FaultRig['api']['rotateToken']>>) => {
  expect(result.ok && result.value.state).toBe('pending');
  return result.ok ? result.value.message : '';
};
const journalEnds = () => readJournals(rig.home).map((j) => [j.step, j.outcome]);

describe('GitLab self-rotate: the rotate call is sent once, whatever happens to it', () => {
  const rotateRoute = 'POST /api/v4/personal_access_tokens/self/rotate';
  const rotateCalls = () => gitlab.requests.filter((r) => `${r.method} ${r.path}` === rotateRoute).length;

  async function gitlabToken(scopes = ['api']) {
    const old = fakeTokens.gitlabLegacy();
    gitlab.addToken(old, { username: 'grace', scopes });
    const token = await rig.add({ secret: old, label: 'deploy', baseUrl: gitlab.url });
    return { old, token, before: rotateCalls() };
  }

  /** Nothing rotated: the old value is current, live at GitLab, in the keychain alone; the journal abandoned. */
  async function expectNothingChanged(id: string, old: string): Promise<void> {
    expect(await rig.slot(id)).toBe(old);
    expect(await rig.slot(`${id}#pending`)).toBeNull();
    expect(await rig.slot(`${id}#previous`)).toBeNull();
    expect(gitlab.tokenState(old)?.revoked).toBeFalsy();
    expect(journalEnds()).toEqual([['finished', 'abandoned']]);
    expect(value(await rig.api.getToken({ id })).status).not.toBe('disconnected');
  }

  it('GitLab refusing (403 Forbidden: the token lacks api/self_rotate): nothing changed, says which scope it needs', async () => {
    const { old, token, before } = await gitlabToken(['read_api']);

    const result = await rig.api.rotateToken({ id: token.id });

    expect(failure(result)?.message).toBe(
      'GitLab would not rotate it (403 Forbidden); nothing changed. The token needs the api or self_rotate scope.',
    );
    expect(rotateCalls() - before).toBe(1);
    await expectNothingChanged(token.id, old);
    expect(rig.tracesOf([old], result)).toEqual([]);
  });

  it('a 429 with Retry-After on the rotate call: a definite "not rotated" (not replayed, nothing asked), says when to try again; rotating again later works', async () => {
    const { old, token, before } = await gitlabToken();
    gitlab.inject(rotateRoute, { kind: 'rate-limit', retryAfterSeconds: 1 });
    const inside = gitlab.requestsInsideWindow;
    const requests = gitlab.requests.length;

    const result = await rig.api.rotateToken({ id: token.id });

    expect(failure(result)?.message).toMatch(
      /^Nothing was rotated: 127\.0\.0\.1:\d+ rate-limited Lapse; try again after \d{4}-\d{2}-\d{2}T[\d:.]+Z\.$/,
    );
    // The rotate call only: GitLab turned it away, so there is nothing to find out.
    expect(gitlab.requests.length - requests).toBe(1);
    expect(rotateCalls() - before).toBe(1);
    expect(gitlab.requestsInsideWindow - inside).toBe(0);
    await expectNothingChanged(token.id, old);

    const again = value(await rig.api.rotateToken({ id: token.id }));
    expect(again.state).toBe('finished');
    expect(rotateCalls() - before).toBe(2);
    expect(gitlab.tokenState(old)?.revoked).toBe(true);
    expect(gitlab.liveTokens()).toContain(await rig.slot(token.id));
  });

  it('a 429 with a long window: nothing rotated and the journal closed at once (no waiting for a restart); rotating again inside the window sends nothing', async () => {
    const { old, token, before } = await gitlabToken();
    gitlab.inject(rotateRoute, { kind: 'rate-limit', retryAfterSeconds: 120 });

    const result = await rig.api.rotateToken({ id: token.id });

    const retryAt = Date.parse(/try again after (\S+)\.$/.exec(failure(result)?.message ?? '')?.[1] ?? '');
    expect(Math.abs(retryAt - (Date.now() + 120_000))).toBeLessThan(5_000);
    expect(rotateCalls() - before).toBe(1);
    expect(rig.unfinished()).toBe(0);
    await expectNothingChanged(token.id, old);

    const again = await rig.api.rotateToken({ id: token.id });

    expect(failure(again)?.message).toMatch(
      /^Nothing was rotated: 127\.0\.0\.1:\d+ asked Lapse to slow down; try again after \S+Z\.$/,
    );
    expect(rotateCalls() - before).toBe(1);
    expect(gitlab.requestsInsideWindow).toBe(0);
  });

  it('timed out before GitLab rotated (no answer at all): not replayed; the old token still works, so nothing changed', async () => {
    const { old, token, before } = await gitlabToken();
    gitlab.inject(rotateRoute, { kind: 'hang' });

    const result = await rig.api.rotateToken({ id: token.id });

    expect(failure(result)?.message).toMatch(
      /^The rotation call got no usable answer \(127\.0\.0\.1:\d+ did not answer in time\)\. The old token still works, so nothing was rotated; try again\.$/,
    );
    expect(rotateCalls() - before).toBe(1);
    await expectNothingChanged(token.id, old);
  });

  it('a 503 on the rotate call: not replayed (a rotate is not a read); nothing changed', async () => {
    const { old, token, before } = await gitlabToken();
    gitlab.inject(rotateRoute, { kind: 'server-error', status: 503, retryAfterSeconds: 1 });

    const result = await rig.api.rotateToken({ id: token.id });

    expect(failure(result)?.message).toMatch(
      /server error \(503\).*The old token still works, so nothing was rotated; try again\.$/,
    );
    expect(rotateCalls() - before).toBe(1);
    await expectNothingChanged(token.id, old);
  });

  it('timed out after GitLab rotated (the answer cut off): marked for re-authorization, says so and what to do; not replayed; no secret anywhere', async () => {
    const { old, token, before } = await gitlabToken();
    gitlab.inject(rotateRoute, { kind: 'slow-body', ms: trickleMs });

    const result = value(await rig.api.rotateToken({ id: token.id }));

    expect(result.state).toBe('reauthorize');
    // Lapse was running: the answer was cut off, not lost in a stop.
    expect(result.message).toMatch(
      /^GitLab rotated this token, but its answer never reached Lapse, so the new value was lost\. Authorize again \(create a new token and add it\); Lapse does not replay a rotation\./,
    );
    expect(result.message).not.toMatch(/while Lapse was stopped/);
    // Never verified, so the vault does not know whose token it is: nothing to revoke it with, and the person is told what to revoke.
    expect(result.message).toMatch(
      /GitLab still holds a live token nobody has: revoke the token that GitLab created at about \d{4}-\d\d-\d\d \d\d:\d\d UTC, expiring \d{4}-\d\d-\d\d \(it has this token's name\) at http:\/\/127\.0\.0\.1:\d+\/-\/user_settings\/personal_access_tokens\.$/,
    );
    expect(result.token.status).toBe('disconnected');
    expect(rotateCalls() - before).toBe(1);
    expect(gitlab.tokenState(old)?.revoked).toBe(true);
    expect(await rig.slot(`${token.id}#pending`)).toBeNull();
    expect(journalEnds()).toEqual([['finished', 'reauthorize']]);
    expect(rig.auditText()).toMatch(/"event":"rotated".*new value was lost/);
    expect(rig.tracesOf([old, ...gitlab.liveTokens()], result)).toEqual([]);
  });

  it('a stalled rotation is carried on by rotating again (no restart): still unreachable it waits, then it ends where it can, without a second rotate call', async () => {
    const { old, token, before } = await gitlabToken();
    gitlab.inject(rotateRoute, { kind: 'slow-body', ms: trickleMs });
    gitlab.inject('GET /api/v4/personal_access_tokens/self', { kind: 'server-error', status: 503 }, { times: 20 });
    expect(paused(await rig.api.rotateToken({ id: token.id }))).toMatch(
      /could not yet tell whether the rotation happened/,
    );

    const stillDown = await rig.api.rotateToken({ id: token.id });

    expect(paused(stillDown)).toMatch(
      /^Lapse carried on this token's unfinished rotation first\. The rotation call's answer was never kept\. Lapse could not yet tell/,
    );
    expect(rig.unfinished()).toBe(1);
    // Shown as paused, and not droppable: GitLab may have rotated it already.
    expect(value(await rig.api.listPendingRotations({ id: token.id })).rotations).toMatchObject([
      { kind: 'automatic', canDiscard: false, reason: expect.stringContaining('could not yet tell') },
    ]);
    expect(await rig.api.discardRotation({ id: token.id })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    // One log line per reason: the first run's, then the resumed one's; the same reason again adds none.
    expect(rig.auditText().match(/Rotation paused/g)).toHaveLength(2);
    paused(await rig.api.rotateToken({ id: token.id }));
    expect(rig.auditText().match(/Rotation paused/g)).toHaveLength(2);

    gitlab.clearFaults();
    const resumed = value(await rig.api.rotateToken({ id: token.id }));

    expect(resumed.state).toBe('reauthorize');
    expect(resumed.message).toMatch(
      /^Lapse carried on this token's unfinished rotation first\. GitLab rotated this token, but its answer never reached Lapse/,
    );
    expect(rotateCalls() - before).toBe(1);
    expect(journalEnds()).toEqual([['finished', 'reauthorize']]);
    expect(await rig.slot(token.id)).toBe(old);
    expect(rig.tracesOf([old, ...gitlab.liveTokens()], resumed)).toEqual([]);
  });

  it('timed out after GitLab rotated and GitLab unreachable for the check: the journal waits; the next start marks re-authorization without a second rotate call', async () => {
    const { old, token, before } = await gitlabToken();
    gitlab.inject(rotateRoute, { kind: 'slow-body', ms: trickleMs });
    gitlab.inject('GET /api/v4/personal_access_tokens/self', { kind: 'server-error', status: 503 }, { times: 10 });

    const result = await rig.api.rotateToken({ id: token.id });

    expect(paused(result)).toMatch(
      /Lapse could not yet tell whether the rotation happened; it checks again when you rotate this token again or when Lapse next starts\.$/,
    );
    expect(value(await rig.api.getToken({ id: token.id })).status).not.toBe('disconnected');
    expect(rig.unfinished()).toBe(1);

    gitlab.clearFaults();
    await rig.restart();

    expect(rotateCalls() - before).toBe(1);
    expect(journalEnds()).toEqual([['finished', 'reauthorize']]);
    expect(value(await rig.api.getToken({ id: token.id })).status).toBe('disconnected');
    expect(await rig.slot(token.id)).toBe(old);
  });

  it('a token marked for re-authorization is not rotated again: its dead value never goes back to /rotate (GitLab would revoke the whole family)', async () => {
    const { token, before } = await gitlabToken();
    gitlab.inject(rotateRoute, { kind: 'slow-body', ms: trickleMs });
    expect(value(await rig.api.rotateToken({ id: token.id })).state).toBe('reauthorize');
    const requests = gitlab.requests.length;

    const again = await rig.api.rotateToken({ id: token.id });

    expect(failure(again)?.message).toMatch(
      /^This token no longer works at its provider: authorize again \(create a new token and add it\)\. Its last verify, on \d{4}-\d{2}-\d{2}, found it revoked; if that has changed, verify it again first\.$/,
    );
    expect(gitlab.requests.length - requests).toBe(0);
    expect(rotateCalls() - before).toBe(1);
    expect(journalEnds()).toEqual([['finished', 'reauthorize']]);
  });

  it('a token a verify found revoked is refused without a network call; a later verify that finds it valid lets it rotate', async () => {
    const { old, token, before } = await gitlabToken();
    gitlab.updateToken(old, { revoked: true });
    expect(value(await rig.api.verifyToken({ id: token.id })).outcome).toBe('rejected');
    const requests = gitlab.requests.length;

    expect(failure(await rig.api.rotateToken({ id: token.id }))?.message).toMatch(
      /^This token no longer works at its provider: authorize again \(create a new token and add it\)\. Its last verify, on \d{4}-\d{2}-\d{2}, found it (rejected|revoked);/,
    );
    expect(gitlab.requests.length - requests).toBe(0);
    expect(rig.unfinished()).toBe(0);

    // Only a verify changes that verdict (here: the emulator's token restored, as a stale verdict would be).
    gitlab.updateToken(old, { revoked: false });
    expect(value(await rig.api.verifyToken({ id: token.id })).outcome).toBe('valid');
    expect(value(await rig.api.rotateToken({ id: token.id })).state).toBe('finished');
    expect(rotateCalls() - before).toBe(1);
  });
});

describe('OAuth refresh rotation at the real oidc-provider (rotating refresh tokens, RFC 9700 reuse detection)', () => {
  const tokenPosts = () => oidc.requests.filter((r) => r.method === 'POST' && r.path === '/token').length;

  async function oauthToken(client = oidc.clientCompanion) {
    const issued = await oidc.codeFlowTokens();
    const token = await rig.add({
      secret: issued.access_token,
      label: 'api user',
      provider: 'oauth2',
      baseUrl: oidc.url,
    });
    await rig.keychain.set(`${token.id}#client`, client);
    await rig.keychain.set(`${token.id}#refresh`, issued.refresh_token);
    return { access: issued.access_token, refresh: issued.refresh_token, token, before: tokenPosts() };
  }

  /** Nothing rotated: the same access and refresh tokens, the refresh token still active at the issuer. */
  async function expectNothingChanged(id: string, access: string, refresh: string): Promise<void> {
    expect(await rig.slot(id)).toBe(access);
    expect(await rig.slot(`${id}#refresh`)).toBe(refresh);
    expect(await rig.slot(`${id}#pending`)).toBeNull();
    expect(await oidc.introspect(refresh)).toMatchObject({ active: true });
    expect(journalEnds()).toEqual([['finished', 'abandoned']]);
    expect(value(await rig.api.getToken({ id })).status).not.toBe('disconnected');
  }

  it('the issuer refusing the client (invalid_client): nothing changed, says to update the credentials; with them fixed the rotation works', async () => {
    const { access, refresh, token, before } = await oauthToken(`${oidc.client.id}:FAKE-wrong-secret`);

    const result = await rig.api.rotateToken({ id: token.id });

    expect(failure(result)?.message).toBe(
      'The issuer refused the refresh (invalid_client): it refused the client credentials; update them with `lapse oauth set`.',
    );
    expect(tokenPosts() - before).toBe(1);
    await expectNothingChanged(token.id, access, refresh);

    await rig.keychain.set(`${token.id}#client`, oidc.clientCompanion);
    expect(value(await rig.api.rotateToken({ id: token.id })).state).toBe('revocation-pending');
    expect(await oidc.introspect(refresh)).toEqual({ active: false });
  });

  it('a spent refresh token (invalid_grant): says to authorize again; Lapse sends it once and does not retry', async () => {
    const { refresh, token, before } = await oauthToken();
    await oidc.revoke(refresh, 'refresh_token');

    const result = await rig.api.rotateToken({ id: token.id });

    expect(failure(result)?.message).toMatch(
      /^The issuer refused the refresh \(invalid_grant\): the refresh token is expired, revoked or already used; authorize again/,
    );
    expect(tokenPosts() - before).toBe(1);
    expect(rig.unfinished()).toBe(0);
  });

  it('a 429 with Retry-After on the refresh: not replayed; the refresh token is still active, so nothing changed; rotating again later works', async () => {
    const { access, refresh, token, before } = await oauthToken();
    oidcOnce.next('/token', { kind: 'status', status: 429, retryAfter: 1 });

    const result = await rig.api.rotateToken({ id: token.id });

    expect(failure(result)?.message).toMatch(
      /^Nothing was rotated: 127\.0\.0\.1:\d+ rate-limited Lapse; try again after \S+Z\.$/,
    );
    expect(tokenPosts() - before).toBe(1);
    await expectNothingChanged(token.id, access, refresh);

    expect(value(await rig.api.rotateToken({ id: token.id })).state).toBe('revocation-pending');
    expect(tokenPosts() - before).toBe(2);
  });

  it('a 503 on the refresh: not replayed; nothing changed', async () => {
    const { access, refresh, token, before } = await oauthToken();
    oidcOnce.next('/token', { kind: 'status', status: 503 });

    const result = await rig.api.rotateToken({ id: token.id });

    expect(failure(result)?.message).toMatch(/server error \(503\).*nothing was rotated; try again\.$/);
    expect(tokenPosts() - before).toBe(1);
    await expectNothingChanged(token.id, access, refresh);
  });

  it('timed out before the issuer refreshed: not replayed; nothing changed', async () => {
    const { access, refresh, token, before } = await oauthToken();
    oidcOnce.next('/token', { kind: 'hang' });

    const result = await rig.api.rotateToken({ id: token.id });

    expect(failure(result)?.message).toMatch(/did not answer in time.*nothing was rotated; try again\.$/);
    expect(tokenPosts() - before).toBe(1);
    await expectNothingChanged(token.id, access, refresh);
  });

  it("timed out after the issuer refreshed (the answer lost): marked for re-authorization; the spent refresh token is never sent again; the old access token is revoked instead, which ends the lost pair's grant", async () => {
    const { access, refresh, token, before } = await oauthToken();
    oidcOnce.next('/token', { kind: 'hang' });

    const rotating = rig.api.rotateToken({ id: token.id });
    // Lapse's refresh reached the issuer; the issuer refreshes, and the answer never reaches Lapse.
    while (tokenPosts() === before) await delay(5);
    const lost = await oidc.refreshRaw(refresh);
    const result = value(await rotating);

    expect(lost.status).toBe(200);
    expect(result.state).toBe('reauthorize');
    expect(result.message).toMatch(
      /^The issuer rotated this token, but its answer never reached Lapse, so the new value was lost\. Authorize again/,
    );
    expect(result.token.status).toBe('disconnected');
    // Lapse sent one refresh; the other is the issuer's own, whose answer was "lost".
    expect(tokenPosts() - before).toBe(2);
    // The spent refresh token was not sent again (still the two refreshes above); Lapse revoked the old access
    // token instead, which at oidc-provider ends the grant: the lost pair is dead, and the message says why.
    expect([
      await oidc.introspect(String(lost.body['access_token'])),
      await oidc.introspect(String(lost.body['refresh_token'])),
    ]).toMatchObject([{ active: false }, { active: false }]);
    expect(result.message).toMatch(
      /Lapse revoked the old access token of the same grant \(the issuer now reports it inactive\)/,
    );
    expect(rig.auditText()).toMatch(/"event":"revoked".*The old access token is revoked at the issuer/);
    expect(journalEnds()).toEqual([['finished', 'reauthorize']]);
    expect(
      rig.tracesOf([access, refresh, String(lost.body['access_token']), String(lost.body['refresh_token'])], result),
    ).toEqual([]);
  });
});

describe('guided rotation (GitHub, npm): faults after the new value is handed over', () => {
  async function githubPair() {
    const old = fakeTokens.githubClassic();
    const next = fakeTokens.githubClassic();
    github.addToken(old, { login: 'octocat', scopes: ['repo'] });
    github.addToken(next, { login: 'octocat', scopes: ['repo'] });
    const token = await rig.add({ secret: old, label: 'ci', baseUrl: github.url, scopes: ['repo'] });
    value(await rig.api.verifyToken({ id: token.id }));
    return { old, next, token };
  }

  it('GitHub unreachable while verifying the new value: nothing promoted, the old value current and live, never disconnected; the next start finishes the rotation', async () => {
    const { old, next, token } = await githubPair();
    github.inject('GET /user', { kind: 'hang' }, { times: 10 });

    const result = await rig.api.completeGuidedRotation({ id: token.id, secret: next });

    expect(paused(result)).toMatch(
      /^The new value could not be verified yet \(127\.0\.0\.1:\d+ did not answer in time\); Lapse tries again when you rotate this token again or when it next starts\.$/,
    );
    const [pending] = value(await rig.api.listPendingRotations({})).rotations;
    expect(pending).toMatchObject({
      tokenId: token.id,
      kind: 'guided',
      step: 'pending-stored',
      newMasked: `ghp_…${next.slice(-4)}`,
      canDiscard: true,
    });
    expect(rig.auditText()).toMatch(
      /"event":"rotated".*Rotation paused with the new value ghp_…\w{4} kept in the keychain/,
    );
    expect(await rig.slot(token.id)).toBe(old);
    expect(await rig.slot(`${token.id}#pending`)).toBe(next);
    expect(github.tokenState(old)?.revoked).toBeFalsy();
    expect(value(await rig.api.getToken({ id: token.id })).status).not.toBe('disconnected');

    github.clearFaults();
    await rig.restart();

    expect(await rig.slot(token.id)).toBe(next);
    expect(github.tokenState(old)?.revoked).toBe(true);
    expect(await rig.slot(`${token.id}#pending`)).toBeNull();
    expect(await rig.slot(`${token.id}#previous`)).toBeNull();
    expect(journalEnds()).toEqual([['finished', 'done']]);
    expect(rig.tracesOf([old, next], result)).toEqual([]);
  });

  it('a paused guided rotation can be discarded: the new value leaves the keychain, the old one stays current, the journal ends, the log says so', async () => {
    const { old, next, token } = await githubPair();
    github.inject('GET /user', { kind: 'hang' }, { times: 10 });
    paused(await rig.api.completeGuidedRotation({ id: token.id, secret: next }));

    const discarded = value(await rig.api.discardRotation({ id: token.id }));

    expect(discarded.message).toMatch(
      /^Rotation discarded: the new value ghp_…\w{4} left the keychain and ghp_…\w{4} stays current\. If you created that new token at the provider, revoke it there\.$/,
    );
    expect(await rig.slot(`${token.id}#pending`)).toBeNull();
    expect(await rig.slot(token.id)).toBe(old);
    expect(journalEnds()).toEqual([['finished', 'abandoned']]);
    expect(value(await rig.api.listPendingRotations({})).rotations).toEqual([]);
    expect(rig.auditText()).toMatch(/"event":"rotated".*Rotation discarded/);
    expect(await rig.api.discardRotation({ id: token.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(rig.tracesOf([old, next], discarded)).toEqual([]);
  });

  it('GitHub failing (503) to revoke the old value: the new one is current, the old one revocation-pending ("old token still live"); the next start revokes and confirms it', async () => {
    const { old, next, token } = await githubPair();
    github.inject('POST /credentials/revoke', { kind: 'server-error', status: 503 }, { times: 10 });

    const result = value(await rig.api.completeGuidedRotation({ id: token.id, secret: next }));

    expect(result.state).toBe('revocation-pending');
    expect(result.message).toMatch(
      /^The new value is current, but the old token is still live: its provider still accepts it\. Lapse will try again next time it starts\.$/,
    );
    expect(result.token.status).toBe('revocation-pending');
    expect(await rig.slot(token.id)).toBe(next);
    expect(await rig.slot(`${token.id}#previous`)).toBe(old);
    expect(github.tokenState(old)?.revoked).toBeFalsy();

    github.clearFaults();
    await rig.restart();

    const after = value(await rig.api.getToken({ id: token.id }));
    expect(github.tokenState(old)?.revoked).toBe(true);
    expect(after.revocation?.confirmedAt).not.toBeNull();
    expect(after.status).not.toBe('revocation-pending');
    expect(await rig.slot(`${token.id}#previous`)).toBeNull();
    expect(journalEnds()).toEqual([['finished', 'done']]);
    expect(rig.tracesOf([old, next], result)).toEqual([]);
  });

  it("GitHub's primary limit (403, remaining 0, reset an hour away) on revoking the old value: pending with when to retry, not a refusal", async () => {
    const { old, next, token } = await githubPair();
    github.inject('POST /credentials/revoke', { kind: 'rate-limit-reset', resetInSeconds: 3600 });
    const revokesBefore = github.requests.filter((r) => r.path === '/credentials/revoke').length;

    const result = value(await rig.api.completeGuidedRotation({ id: token.id, secret: next }));

    expect(result.state).toBe('revocation-pending');
    expect(result.message).toMatch(
      /the old token may still be live: it could not be checked \(.*slow down; try again after \d{4}-[^)]*Z\)\. Lapse will try again next time it starts\.$/,
    );
    expect(await rig.slot(token.id)).toBe(next);
    expect(github.tokenState(old)?.revoked).toBeFalsy();
    // The address's unauthenticated budget is spent: /credentials/revoke was sent once, not again inside its window
    // (the authenticated check of the old value counts against its user's own bucket, which GitHub keeps apart).
    expect(github.requests.filter((r) => r.path === '/credentials/revoke').length - revokesBefore).toBe(1);
  });

  it("GitHub refusing to revoke the old value (422): pending and manual, GitHub's words and where to revoke it by hand; no start asks again; revoked by hand, a start confirms it", async () => {
    const { old, next, token } = await githubPair();
    github.spamRevocations(true);
    const revokeCalls = () =>
      github.requests.filter((r) => `${r.method} ${r.path}` === 'POST /credentials/revoke').length;

    const result = value(await rig.api.completeGuidedRotation({ id: token.id, secret: next }));

    expect(result.state).toBe('revocation-pending');
    expect(await rig.slot(token.id)).toBe(next);
    expect(github.tokenState(old)?.revoked).toBeFalsy();
    expect(result.message).toMatch(
      /^The new value is current, but the old token is still live: GitHub would not revoke it \(Validation Failed\), so revoke it by hand at http:\/\/127\.0\.0\.1:\d+\/settings\/tokens\. Lapse marks it revoked once a verify shows it dead\.$/,
    );
    expect(result.token.revocation?.method).toBe('manual');
    expect(rig.auditText()).toMatch(/refused by the provider: GitHub would not revoke it/);
    const asked = revokeCalls();

    await rig.restart();

    expect(revokeCalls()).toBe(asked);
    expect(rig.unfinished()).toBe(1);

    github.updateToken(old, { revoked: true });
    await rig.restart();

    expect(revokeCalls()).toBe(asked);
    expect(value(await rig.api.getToken({ id: token.id })).revocation?.confirmedAt).not.toBeNull();
    expect(journalEnds()).toEqual([['finished', 'done']]);
    expect(await rig.slot(`${token.id}#previous`)).toBeNull();
  });

  it('npm timing out on deleting the old token: the new one is current, the old one pending; the next start deletes and confirms it', async () => {
    const user = `publisher-${randomId(6)}`;
    const old = fakeTokens.npm();
    const next = fakeTokens.npm();
    npm.addToken(old, { username: user });
    const token = await rig.add({ secret: old, label: 'publish', baseUrl: npm.url });
    value(await rig.api.verifyToken({ id: token.id }));
    // Added after the first verify: npm's list then shows two tokens whose visible characters differ.
    npm.addToken(next, { username: user, listed: false });
    npm.inject('GET /-/npm/v1/tokens', { kind: 'hang' }, { times: 10 });

    const result = value(await rig.api.completeGuidedRotation({ id: token.id, secret: next }));

    expect(result.state).toBe('revocation-pending');
    expect(await rig.slot(token.id)).toBe(next);
    expect(await rig.slot(`${token.id}#previous`)).toBe(old);
    expect(npm.deleted(old)).toBe(false);

    npm.clearFaults();
    await rig.restart();

    expect(npm.deleted(old)).toBe(true);
    expect(npm.deleted(next)).toBe(false);
    expect(await rig.slot(`${token.id}#previous`)).toBeNull();
    expect(journalEnds()).toEqual([['finished', 'done']]);
    expect(rig.tracesOf([old, next], result)).toEqual([]);
  });
});
