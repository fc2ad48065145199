import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RevokeResult } from '../../../shared/api.js';
import type { HttpEmulator } from '../../emulators/http-emulator.js';
import { oidcResources, type OidcFault } from '../../emulators/oidc.js';
import { fakeTokens, randomId } from '../../helpers/fake-tokens.js';
import { value } from '../providers/verify-harness.js';
import { faultRig, oidcFaultOnce, trickleMs } from './fault-rig.js';
import { freshEachTest } from '../../helpers/lifetimes.js';
import { everyProviderEmulator } from '../../helpers/provider-emulators.js';

// Revocation by API when the provider refuses, rate-limits, times out midway or fails
// (docs/SECURITY.md, 'C — hostile or careless providers, and forged tokens'; docs/providers.md,
// 'Providers: what their answers mean'): a fault never marks a token revoked; the message says what happened and what
// to do; asking again later revokes it and a verify confirms it; no secret in any message or file.

const { github, gitlab, slack, npm, oidc } = everyProviderEmulator();
const rig = freshEachTest(faultRig);
afterEach(async () => {
  for (const e of [github, gitlab, slack, npm]) e.clearFaults();
  github.spamRevocations(false);
  for (const path of ['/token/revocation', '/token/introspection']) oidc.fault(path, null);
});

/** The key npm's token list shows for a token (the emulator's sha512), which its DELETE route carries. */
const npmKey = (secret: string) => createHash('sha512').update(secret).digest('hex');

interface RevokeCase {
  name: string;
  emulator: () => HttpEmulator;
  /** The revocation call's route at the emulator. */
  route: (secret: string) => string;
  /** A fresh token the provider knows. */
  known: () => string;
  deadAtProvider: (secret: string) => boolean;
  /**
   * Sent once, never retried or re-sent after a limit: GitHub's /credentials/revoke allows 60
   * unauthenticated requests an hour per address, and every retry would spend one.
   */
  sentOnce?: boolean;
}

const providers: RevokeCase[] = [
  {
    name: 'GitHub (POST /credentials/revoke)',
    emulator: () => github,
    sentOnce: true,
    route: () => 'POST /credentials/revoke',
    known: () => {
      const s = fakeTokens.githubClassic();
      github.addToken(s, { login: 'octocat', scopes: ['repo'] });
      return s;
    },
    deadAtProvider: (s) => github.tokenState(s)?.revoked === true,
  },
  {
    name: 'GitLab (DELETE /personal_access_tokens/self)',
    emulator: () => gitlab,
    route: () => 'DELETE /api/v4/personal_access_tokens/self',
    known: () => {
      const s = fakeTokens.gitlabLegacy();
      gitlab.addToken(s, { username: 'grace', scopes: ['api'] });
      return s;
    },
    deadAtProvider: (s) => gitlab.tokenState(s)?.revoked === true,
  },
  {
    name: 'Slack (auth.revoke)',
    emulator: () => slack,
    route: () => 'POST /api/auth.revoke',
    known: () => {
      const s = fakeTokens.slackBot();
      slack.addToken(s, { user: 'bot', team: 'Acme' });
      return s;
    },
    deadAtProvider: (s) => slack.tokenState(s)?.revoked === true,
  },
  {
    name: 'npm (DELETE /-/npm/v1/tokens/token/{key})',
    emulator: () => npm,
    route: (s) => `DELETE /-/npm/v1/tokens/token/${npmKey(s)}`,
    known: () => {
      const s = fakeTokens.npm();
      // Its own user: npm's list shows 6 characters, and every fake token starts npm_FA.
      npm.addToken(s, { username: `publisher-${randomId(6)}` });
      return s;
    },
    deadAtProvider: (s) => npm.deleted(s),
  },
];

/** What every fault leaves: still live as far as Lapse knows, secret kept, nothing confirmed. */
async function expectStillPending(result: RevokeResult, id: string, secret: string): Promise<void> {
  expect(result.state).toBe('pending');
  expect(result.token.revokedAt).toBeNull();
  expect(result.token.revocation?.confirmedAt ?? null).toBeNull();
  expect(result.token.status).toBe('revocation-pending');
  expect(result.token.status).not.toBe('disconnected');
  expect(await rig.slot(id)).toBe(secret);
}

/** Ask again once the provider is back: revoked, confirmed by a verify, the secret out of the keychain. */
async function expectRetryConfirms(id: string, secret: string, deadAtProvider: (s: string) => boolean): Promise<void> {
  const again = value(await rig.api.revokeToken({ id }));
  expect(again.state).toBe('revoked');
  expect(again.token.status).toBe('revoked');
  expect(again.token.revocation?.confirmedAt).toBe(again.token.revokedAt);
  expect(deadAtProvider(secret)).toBe(true);
  expect(await rig.slot(id)).toBeNull();
  expect(rig.auditText()).toMatch(/"event":"revoked".*Confirmed dead/);
}

// Said in the window and the CLI alike: no command line in it (the CLI adds its own hint).
const tryAgain = /Revoke it again later; it stays revocation-pending until a verify shows it dead\.$/;

describe.each(providers)('$name: a provider that cannot answer the revocation', (p) => {
  it('never answering (timed out before it acted): a verify right after shows it still live, so pending, "revoke it again later"; asked again later it is revoked and confirmed', async () => {
    const secret = p.known();
    const token = await rig.add({ secret, label: 'faulty', baseUrl: p.emulator().url });
    p.emulator().inject(p.route(secret), { kind: 'hang' }, { times: 10 });

    const result = value(await rig.api.revokeToken({ id: token.id }));

    await expectStillPending(result, token.id, secret);
    expect(result.message).toMatch(
      /^The revocation got no usable answer \(127\.0\.0\.1:\d+ did not answer in time\), and a verify shows the token still live\. /,
    );
    expect(result.message).toMatch(tryAgain);
    expect(result.message).not.toMatch(/\.\)|lapse /);
    expect(result.token.verification?.outcome).toBe('valid');
    expect(p.deadAtProvider(secret)).toBe(false);
    expect(rig.auditText()).toMatch(/Revocation requested, but no usable answer came from the provider/);
    expect(rig.auditText()).not.toMatch(/Confirmed dead/);

    p.emulator().clearFaults();
    await expectRetryConfirms(token.id, secret, p.deadAtProvider);
    expect(rig.tracesOf([secret], result)).toEqual([]);
  });

  it("answer cut off after the provider revoked it (timed out midway): not taken on the fault's word; the verify right after shows it dead, so it is revoked in the same call", async () => {
    const secret = p.known();
    const token = await rig.add({ secret, label: 'faulty', baseUrl: p.emulator().url });
    p.emulator().inject(p.route(secret), { kind: 'slow-body', ms: trickleMs }, { times: 10 });

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(p.deadAtProvider(secret)).toBe(true);
    expect(result.state).toBe('revoked');
    expect(result.token.status).toBe('revoked');
    expect(result.token.revocation?.confirmedAt).toBe(result.token.revokedAt);
    expect(await rig.slot(token.id)).toBeNull();
    expect(rig.auditText()).toMatch(
      /no usable answer came from the provider \(127\.0\.0\.1:\d+ did not finish answering in time\)/,
    );
    expect(rig.auditText()).toMatch(/"event":"revoked".*Confirmed dead/);
    expect(rig.tracesOf([secret], result)).toEqual([]);
  });

  it('a persistent server error (503): retried like a read (GitHub: sent once), then pending with "server error (503)"; later revoked and confirmed', async () => {
    const secret = p.known();
    const token = await rig.add({ secret, label: 'faulty', baseUrl: p.emulator().url });
    const route = p.route(secret);
    p.emulator().inject(route, { kind: 'server-error', status: 503 }, { times: 10 });
    const calls = () => p.emulator().requests.filter((r) => `${r.method} ${r.path}` === route).length;
    const before = calls();

    const result = value(await rig.api.revokeToken({ id: token.id }));

    await expectStillPending(result, token.id, secret);
    expect(result.message).toMatch(/had a server error \(503\)/);
    expect(result.message).toMatch(tryAgain);
    expect(calls() - before).toBe(p.sentOnce ? 1 : 2);

    p.emulator().clearFaults();
    await expectRetryConfirms(token.id, secret, p.deadAtProvider);
  });

  it('a 429 with a short Retry-After is waited out (nothing sent inside the window) and the revocation is confirmed in the same call (GitHub: not re-sent, pending)', async () => {
    const secret = p.known();
    const token = await rig.add({ secret, label: 'paced', baseUrl: p.emulator().url });
    p.emulator().inject(p.route(secret), { kind: 'rate-limit', retryAfterSeconds: 1 });
    const inside = p.emulator().requestsInsideWindow;

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(p.emulator().requestsInsideWindow - inside).toBe(0);
    if (p.sentOnce) {
      await expectStillPending(result, token.id, secret);
      expect(result.message).toMatch(/rate-limited Lapse; try again after/);
      return;
    }
    expect(result.state).toBe('revoked');
    expect(p.deadAtProvider(secret)).toBe(true);
  });

  it('a 429 longer than Lapse waits: pending, says when to try again; after the window (a new start) it is revoked and confirmed', async () => {
    const secret = p.known();
    const token = await rig.add({ secret, label: 'paced', baseUrl: p.emulator().url });
    p.emulator().inject(p.route(secret), { kind: 'rate-limit', retryAfterSeconds: 120 });
    const inside = p.emulator().requestsInsideWindow;

    const result = value(await rig.api.revokeToken({ id: token.id }));

    await expectStillPending(result, token.id, secret);
    expect(result.message).toMatch(
      /(?:asked Lapse to slow down|rate-limited Lapse); try again after \d{4}-\d{2}-\d{2}T/,
    );
    expect(result.message).toMatch(tryAgain);
    expect(p.emulator().requestsInsideWindow - inside).toBe(0);

    // Later: the window is over (the emulator's cleared, and a new process remembers none).
    p.emulator().clearFaults();
    await rig.restart();
    await expectRetryConfirms(token.id, secret, p.deadAtProvider);
  });
});

describe('GitHub: its own refusals and primary rate limit', () => {
  const added = async () => {
    const secret = providers[0]!.known();
    return { secret, token: await rig.add({ secret, label: 'ci push', baseUrl: github.url }) };
  };

  it('GitHub refusing (422 Validation Failed, the endpoint spammed): pending, manual, says GitHub refused and how to revoke by hand; after doing so, revoke confirms it', async () => {
    const { secret, token } = await added();
    github.spamRevocations(true);

    const result = value(await rig.api.revokeToken({ id: token.id }));

    await expectStillPending(result, token.id, secret);
    expect(result.method).toBe('manual');
    expect(result.message).toMatch(
      /^GitHub would not revoke it \(Validation Failed\)\. The token is still live: revoke it by hand\.$/,
    );
    expect(result.instructions[0]).toMatch(/^Open http:\/\/127\.0\.0\.1:\d+\/settings\/tokens and sign in as /);
    expect(result.instructions[2]).toMatch(/Lapse marks it revoked only once a verify shows it dead/);
    expect(rig.auditText()).toMatch(/Revocation refused by the provider: GitHub would not revoke it/);

    // The person revokes it in GitHub's settings; confirming needs no further revoke call.
    github.updateToken(secret, { revoked: true });
    const confirmed = value(await rig.api.confirmRevocation({ id: token.id }));
    expect(confirmed.state).toBe('revoked');
    expect(await rig.slot(token.id)).toBeNull();
    expect(rig.tracesOf([secret], result, confirmed)).toEqual([]);
  });

  it("GitHub's primary limit (403, x-ratelimit-remaining 0) is a rate limit, not a refusal: with the reset an hour away the token stays pending, api method kept", async () => {
    const { secret, token } = await added();
    github.inject('POST /credentials/revoke', { kind: 'rate-limit-reset', resetInSeconds: 3600 });

    const result = value(await rig.api.revokeToken({ id: token.id }));

    await expectStillPending(result, token.id, secret);
    expect(result.method).toBe('api');
    expect(result.message).not.toMatch(/would not revoke/);
    expect(result.message).toMatch(/(?:slow down|rate-limited Lapse); try again after/);
    const retryAt = Date.parse(/try again after (\S+?)\.?\)/.exec(result.message)?.[1] ?? '');
    expect(Math.abs(retryAt - (Date.now() + 3_600_000))).toBeLessThan(5_000);
    expect(github.requestsInsideWindow).toBe(0);
  });

  it("GitHub's primary limit with a reset a second away: not re-sent (each request spends the hour's 60); pending, and asked again after the reset it is confirmed", async () => {
    const { secret, token } = await added();
    github.inject('POST /credentials/revoke', { kind: 'rate-limit-reset', resetInSeconds: 1 });
    const inside = github.requestsInsideWindow;
    const sent = () => github.requests.filter((r) => r.path === '/credentials/revoke').length;
    const before = sent();

    expect(value(await rig.api.revokeToken({ id: token.id })).state).toBe('pending');
    expect(sent() - before).toBe(1);
    expect(github.requestsInsideWindow - inside).toBe(0);

    github.clearFaults();
    await rig.restart();
    expect(value(await rig.api.revokeToken({ id: token.id })).state).toBe('revoked');
    expect(github.tokenState(secret)?.revoked).toBe(true);
  });
});

describe('GitLab and npm: their own refusals', () => {
  it("GitLab refusing DELETE self (403 Forbidden): pending, manual, with GitLab's words and the settings page; never revoked", async () => {
    const secret = fakeTokens.gitlabLegacy();
    gitlab.addToken(secret, { username: 'grace', scopes: ['api'], selfRevocable: false });
    const token = await rig.add({ secret, label: 'deploy', baseUrl: gitlab.url });

    const result = value(await rig.api.revokeToken({ id: token.id }));

    await expectStillPending(result, token.id, secret);
    expect(result.method).toBe('manual');
    expect(result.message).toMatch(
      /^GitLab would not revoke it \(403 Forbidden\).*The token is still live: revoke it by hand\.$/,
    );
    expect(result.link).toBe(`${gitlab.url}/-/user_settings/personal_access_tokens`);
    expect(result.instructions[1]).toMatch(/Find the token "deploy"/);
    expect(gitlab.tokenState(secret)?.revoked).toBeFalsy();

    gitlab.updateToken(secret, { revoked: true });
    expect(value(await rig.api.revokeToken({ id: token.id })).state).toBe('revoked');
  });

  it('npm refusing (the token may not read the token list, 403): pending, manual, says why; the token is never deleted by guesswork', async () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, { username: `publisher-${randomId(6)}`, mayListTokens: false });
    const token = await rig.add({ secret, label: 'publish', baseUrl: npm.url });
    const deletes = () => npm.requests.filter((r) => r.method === 'DELETE').length;
    const before = deletes();

    const result = value(await rig.api.revokeToken({ id: token.id }));

    await expectStillPending(result, token.id, secret);
    expect(result.method).toBe('manual');
    expect(result.message).toMatch(
      /^npm does not let this token read the token list, so Lapse cannot find it to revoke it\. The token is still live: revoke it by hand\.$/,
    );
    expect(result.instructions[0]).toContain('https://www.npmjs.com/settings/~/tokens');
    expect(deletes() - before).toBe(0);
  });

  it('npm: the token list failing (500) before the DELETE is a fault, not a refusal: pending with the api method, later revoked', async () => {
    const secret = providers[3]!.known();
    const token = await rig.add({ secret, label: 'publish', baseUrl: npm.url });
    npm.inject('GET /-/npm/v1/tokens', { kind: 'server-error', status: 500 }, { times: 10 });

    const result = value(await rig.api.revokeToken({ id: token.id }));

    await expectStillPending(result, token.id, secret);
    expect(result.method).toBe('api');
    expect(result.message).toMatch(/npm's token list could not be read/);
    expect(result.message).toMatch(tryAgain);

    npm.clearFaults();
    await expectRetryConfirms(token.id, secret, providers[3]!.deadAtProvider);
  });
});

describe('OAuth: RFC 7009 at the real oidc-provider', () => {
  const revocations = () => oidc.requests.filter((r) => r.path === '/token/revocation').length;

  /** An opaque access token with its client's credentials beside it in the keychain. */
  async function oauthToken(resource: string = oidcResources.opaque) {
    const { access_token: secret } = await oidc.clientCredentialsToken(resource);
    const token = await rig.add({ secret, label: 'api client', provider: 'oauth2', baseUrl: oidc.url });
    await rig.keychain.set(`${token.id}#client`, oidc.clientCompanion);
    return { secret, token };
  }
  const deadAtIssuer = () => true;

  let once: ReturnType<typeof oidcFaultOnce>;
  beforeAll(() => void (once = oidcFaultOnce(oidc)));
  afterEach(() => once.reset());
  const faultNext = (path: string, fault: OidcFault) => once.next(path, fault);

  it('the issuer failing (503, "assume the token is still valid"): pending; asked again later it is revoked and confirmed by introspection', async () => {
    const { secret, token } = await oauthToken();
    oidc.fault('/token/revocation', { kind: 'status', status: 503 });
    const before = revocations();

    const result = value(await rig.api.revokeToken({ id: token.id }));

    await expectStillPending(result, token.id, secret);
    expect(result.message).toMatch(/server error \(503\)/);
    expect(result.message).toMatch(tryAgain);
    expect(revocations() - before).toBe(2);
    expect(await oidc.introspect(secret)).toMatchObject({ active: true });

    oidc.fault('/token/revocation', null);
    await expectRetryConfirms(token.id, secret, deadAtIssuer);
    expect(await oidc.introspect(secret)).toEqual({ active: false });
    expect(await rig.slot(`${token.id}#client`)).toBeNull();
  });

  it('the issuer rate-limiting (429, Retry-After 1) once: waited out, revoked and confirmed in the same call', async () => {
    const { secret, token } = await oauthToken();
    faultNext('/token/revocation', { kind: 'status', status: 429, retryAfter: 1 });
    const before = revocations();
    const started = Date.now();

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(result.state).toBe('revoked');
    expect(revocations() - before).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(await oidc.introspect(secret)).toEqual({ active: false });
  });

  it('the issuer rate-limiting for longer than Lapse waits: pending, with when to try again', async () => {
    const { secret, token } = await oauthToken();
    faultNext('/token/revocation', { kind: 'status', status: 429, retryAfter: 120 });

    const result = value(await rig.api.revokeToken({ id: token.id }));

    await expectStillPending(result, token.id, secret);
    expect(result.message).toMatch(/slow down; try again after \d{4}-/);
    expect(await oidc.introspect(secret)).toMatchObject({ active: true });
  });

  it('the issuer never answering: pending; when it revoked the token meanwhile, asking again confirms it dead', async () => {
    const { secret, token } = await oauthToken();
    oidc.fault('/token/revocation', { kind: 'hang' });

    const result = value(await rig.api.revokeToken({ id: token.id }));

    await expectStillPending(result, token.id, secret);
    expect(result.message).toMatch(/did not answer in time/);

    // The request did reach the issuer, which revoked it; only the answer was lost.
    oidc.fault('/token/revocation', null);
    await oidc.revoke(secret, 'access_token');
    await expectRetryConfirms(token.id, secret, deadAtIssuer);
  });

  it('the issuer refusing a JWT access token (400 unsupported_token_type): pending, manual, says it is still live; never revoked', async () => {
    const { secret, token } = await oauthToken(oidcResources.jwt);

    const result = value(await rig.api.revokeToken({ id: token.id }));

    await expectStillPending(result, token.id, secret);
    expect(result.method).toBe('manual');
    expect(result.message).toMatch(
      /^The issuer does not revoke this kind of access token \(unsupported_token_type, its answer for JWT access tokens\), and no refresh token is stored whose revocation would end its grant\. The token is still live: revoke it by hand\.$/,
    );
    expect(result.instructions).toHaveLength(3);
    expect(rig.tracesOf([secret], result)).toEqual([]);
  });

  it('the issuer refusing the stored client credentials (invalid_client): pending, manual, says to fix the credentials; the token still works', async () => {
    const { secret, token } = await oauthToken();
    await rig.keychain.set(`${token.id}#client`, `${oidc.client.id}:FAKE-wrong-secret`);

    const result = value(await rig.api.revokeToken({ id: token.id }));

    await expectStillPending(result, token.id, secret);
    expect(result.method).toBe('manual');
    expect(result.message).toMatch(/refused the client credentials stored for this token \(invalid_client\)/);
    expect(await oidc.introspect(secret)).toMatchObject({ active: true });
    // The client secret's random part: its "FAKE-client-secret-" head is also in a CLI hint.
    expect(rig.tracesOf([secret, oidc.client.secret.slice('FAKE-client-secret-'.length)], result)).toEqual([]);
  });
});

describe('offboarding through faults', () => {
  it('a receipt says which tokens a fault left live (pending, with the reason) and which were confirmed; a second run finishes them', async () => {
    const gh = providers[0]!.known();
    const gl = providers[1]!.known();
    await rig.add({ secret: gh, label: 'acme push', baseUrl: github.url, tags: ['acme'] });
    await rig.add({ secret: gl, label: 'acme deploy', baseUrl: gitlab.url, tags: ['acme'] });
    gitlab.inject('DELETE /api/v4/personal_access_tokens/self', { kind: 'hang' }, { times: 10 });

    const receipt = value(await rig.api.offboard({ selector: { tag: 'acme' } }));

    expect(receipt.summary).toEqual({ total: 2, revoked: 1, pending: 1, failed: 0 });
    expect(receipt.entries.find((e) => e.label === 'acme deploy')).toMatchObject({
      state: 'pending',
      confirmedAt: null,
    });
    expect(receipt.entries.find((e) => e.label === 'acme deploy')?.message).toMatch(/did not answer in time/);
    expect(receipt.markdown).toContain('1 still live');
    expect(gitlab.tokenState(gl)?.revoked).toBeFalsy();

    gitlab.clearFaults();
    const second = value(await rig.api.offboard({ selector: { tag: 'acme' } }));
    expect(second.summary).toEqual({ total: 1, revoked: 1, pending: 0, failed: 0 });
    expect(rig.tracesOf([gh, gl], receipt, second)).toEqual([]);
  });
});
