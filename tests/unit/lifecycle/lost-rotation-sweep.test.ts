import { afterEach, describe, expect, it } from 'vitest';
import { sweepLostGitlabToken } from '../../../electron/providers/gitlab/lost-rotation.js';
import { providerSession } from '../../../electron/providers/provider-session.js';
import type { RotationJournal } from '../../../electron/lifecycle/rotation-journal.js';
import { startGitlabEmulator } from '../../emulators/gitlab.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { value } from '../providers/verify-harness.js';
import { faultRig, quickHttp } from './fault-rig.js';
import { freshEachTest, useEmulator } from '../../helpers/lifetimes.js';

// A GitLab rotation whose answer was lost leaves a live token nobody holds. Another GitLab token of
// the same account in the vault revokes it by id, but only when exactly one token can be it; in
// every other case the person is told what to revoke by hand, and nothing is revoked.

const gitlab = useEmulator(startGitlabEmulator);
const rig = freshEachTest(faultRig);

afterEach(async () => {
  gitlab.clearFaults();
});

/** The vault's token `deploy` of grace, rotated at GitLab with the answer thrown away; the journal as the engine left it. */
async function lostRotation(expiresAt: string | null = null) {
  const old = fakeTokens.gitlabLegacy();
  gitlab.addToken(old, { username: 'grace', scopes: ['api'], name: 'deploy' });
  const token = await rig.add({ secret: old, label: 'deploy', baseUrl: gitlab.url });
  // Verified once, as any token in use is: the vault knows its account.
  expect(value(await rig.api.verifyToken({ id: token.id })).token.account).toBe('grace');
  const began = new Date().toISOString();
  const before = new Set(gitlab.liveTokens());
  const answer = await fetch(`${gitlab.url}/api/v4/personal_access_tokens/self/rotate`, {
    method: 'POST',
    headers: { 'private-token': old, 'content-type': 'application/json' },
    body: JSON.stringify(expiresAt ? { expires_at: expiresAt } : {}),
  });
  expect(answer.status).toBe(200);
  const [lost] = gitlab.liveTokens().filter((s) => !before.has(s));
  const journal: RotationJournal = {
    rotationId: crypto.randomUUID(),
    tokenId: token.id,
    kind: 'gitlab-self-rotate',
    step: 'intent',
    outcome: null,
    expiresAt,
    facts: null,
    previousExpiresAt: null,
    history: [{ step: 'intent', at: began }],
    pendingMasked: null,
    stall: null,
  };
  return { lost: lost ?? '', journal, id: token.id };
}

async function sibling(scopes: string[]) {
  const secret = fakeTokens.gitlabLegacy();
  gitlab.addToken(secret, { username: 'grace', scopes, name: 'ci' });
  const token = await rig.add({ secret, label: 'ci', baseUrl: gitlab.url });
  value(await rig.api.verifyToken({ id: token.id }));
  return secret;
}

async function sweep(id: string, journal: RotationJournal) {
  const parts = { keychain: rig.keychain, store: rig.store, now: Date.now };
  const record = (await rig.store.read()).tokens[id];
  if (!record) throw new Error('no record');
  return sweepLostGitlabToken({ parts, session: providerSession(parts, { http: quickHttp }) }, record, {
    startedAt: Date.parse(journal.history[0]?.at ?? ''),
    expiresAt: journal.expiresAt,
  });
}

describe('sweeping up the token a lost GitLab rotation created', () => {
  it('one match, found with a sibling token that has the api scope: revoked by id at GitLab, and the sentence says so', async () => {
    const { lost, journal, id } = await lostRotation('2027-01-31');
    const ci = await sibling(['api']);

    const swept = await sweep(id, journal);

    expect(gitlab.tokenState(lost)?.revoked).toBe(true);
    expect(gitlab.tokenState(ci)?.revoked).toBeFalsy();
    expect(swept.audit).toContain(`GitLab token id ${gitlab.tokenState(lost)?.id}, "deploy"`);
    expect(swept.audit).toContain('with "ci"');
    expect(swept.sentence).toMatch(
      /^GitLab had issued the new token \("deploy", id \d+\) .*Lapse revoked it with "ci"/,
    );
    expect(rig.tracesOf([lost, ci], swept)).toEqual([]);
  });

  it('two tokens that could be the lost one: neither is revoked; the sentence names both ids and says what to revoke by hand', async () => {
    const { lost, journal, id } = await lostRotation();
    await sibling(['api']);
    const other = fakeTokens.gitlabLegacy();
    gitlab.addToken(other, {
      username: 'grace',
      scopes: ['api'],
      name: 'made in the same minute',
      createdAt: new Date().toISOString(),
    });

    const swept = await sweep(id, journal);

    expect(swept.audit).toBeNull();
    expect([gitlab.tokenState(lost)?.revoked, gitlab.tokenState(other)?.revoked]).toEqual([false, undefined]);
    const named = /\(ids (\d+), (\d+)\)/.exec(swept.sentence)?.slice(1).map(Number).sort();
    expect(named).toEqual([gitlab.tokenState(lost)?.id, gitlab.tokenState(other)?.id].sort());
    expect(swept.sentence).toMatch(
      /^2 active GitLab tokens of grace match the lost one \(ids \d+, \d+\); Lapse will not guess which\. GitLab still holds a live token nobody has: revoke the token of grace that GitLab created at about \d{4}-\d\d-\d\d \d\d:\d\d UTC with the scopes api \(it has this token's name\) at http:\/\/127\.0\.0\.1:\d+\/-\/user_settings\/personal_access_tokens\.$/,
    );
  });

  it('a token of another scope or expiry made meanwhile is not taken for the lost one', async () => {
    const { lost, journal, id } = await lostRotation('2027-01-31');
    await sibling(['api']);
    const readOnly = fakeTokens.gitlabLegacy();
    gitlab.addToken(readOnly, {
      username: 'grace',
      scopes: ['read_api'],
      createdAt: new Date().toISOString(),
      expiresAt: '2027-01-31',
    });
    const otherExpiry = fakeTokens.gitlabLegacy();
    gitlab.addToken(otherExpiry, {
      username: 'grace',
      scopes: ['api'],
      createdAt: new Date().toISOString(),
      expiresAt: '2027-02-28',
    });

    const swept = await sweep(id, journal);

    expect(gitlab.tokenState(lost)?.revoked).toBe(true);
    expect([gitlab.tokenState(readOnly)?.revoked, gitlab.tokenState(otherExpiry)?.revoked]).toEqual([
      undefined,
      undefined,
    ]);
    expect(swept.audit).toContain(`GitLab token id ${gitlab.tokenState(lost)?.id},`);
  });

  it('the only sibling lacks the api scope: nothing revoked; the sentence says why and what to revoke by hand', async () => {
    const { lost, journal, id } = await lostRotation();
    await sibling(['read_api']);

    const swept = await sweep(id, journal);

    expect(gitlab.tokenState(lost)?.revoked).toBe(false);
    expect(swept.audit).toBeNull();
    expect(swept.sentence).toMatch(
      /^Lapse could not revoke it with "ci" \(it may not revoke other tokens: it needs the api scope\)\. GitLab still holds a live token nobody has: revoke the token of grace that GitLab created at about .* UTC/,
    );
  });

  it('GitLab failing while listing: no exception, nothing revoked, the by-hand sentence with the fault', async () => {
    const { lost, journal, id } = await lostRotation();
    await sibling(['api']);
    gitlab.inject('GET /api/v4/personal_access_tokens', { kind: 'server-error', status: 503 }, { times: 10 });

    const swept = await sweep(id, journal);

    expect(gitlab.tokenState(lost)?.revoked).toBe(false);
    expect(swept.audit).toBeNull();
    expect(swept.sentence).toMatch(
      /^Lapse could not revoke it with "ci" \(.*server error \(503\).*\)\. GitLab still holds a live token nobody has: revoke /,
    );
  });

  it('no other GitLab token of the account in the vault: the sentence names what to revoke by hand, and where', async () => {
    const { lost, journal, id } = await lostRotation();

    const swept = await sweep(id, journal);

    expect(gitlab.tokenState(lost)?.revoked).toBe(false);
    expect(swept.sentence).toMatch(
      /^No other GitLab token of grace is in the vault to revoke the one the lost rotation created\. GitLab still holds a live token nobody has: revoke the token of grace that GitLab created at about .* UTC with the scopes api \(it has this token's name\) at http:\/\/127\.0\.0\.1:\d+\//,
    );
  });
});
