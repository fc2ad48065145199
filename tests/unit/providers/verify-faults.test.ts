import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../../electron/audit/audit-log.js';
import { KeychainError, keychainMessages } from '../../../electron/vault/keychain-error.js';
import { startGithubEmulator, type GithubEmulator } from '../../emulators/github.js';
import { startGitlabEmulator, type GitlabEmulator } from '../../emulators/gitlab.js';
import type { Fault, HttpEmulator } from '../../emulators/http-emulator.js';
import { startNpmEmulator, type NpmEmulator } from '../../emulators/npm.js';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { verifyHarness } from './verify-harness.js';
import { freshEachTest } from '../../helpers/lifetimes.js';

let github: GithubEmulator;
let gitlab: GitlabEmulator;
let slack: SlackEmulator;
let npm: NpmEmulator;
const t = freshEachTest(verifyHarness);

beforeAll(async () => {
  [github, gitlab, slack, npm] = await Promise.all([
    startGithubEmulator(),
    startGitlabEmulator(),
    startSlackEmulator(),
    startNpmEmulator(),
  ]);
});
afterAll(() => Promise.all([github, gitlab, slack, npm].map((e) => e.close())));
afterEach(() => {
  for (const e of [github, gitlab, slack, npm]) e.clearFaults();
});

interface ProviderCase {
  name: string;
  emulator: () => HttpEmulator;
  /** The route verify depends on. */
  route: string;
  /** A fresh token the emulator knows, and its account. */
  known: () => string;
}

const providers: ProviderCase[] = [
  {
    name: 'GitHub',
    emulator: () => github,
    route: 'GET /user',
    known: () => {
      const s = fakeTokens.githubClassic();
      github.addToken(s, { login: 'octocat', scopes: ['repo'] });
      return s;
    },
  },
  {
    name: 'GitLab',
    emulator: () => gitlab,
    route: 'GET /api/v4/personal_access_tokens/self',
    known: () => {
      const s = fakeTokens.gitlabLegacy();
      gitlab.addToken(s, { username: 'grace', scopes: ['api'] });
      return s;
    },
  },
  {
    name: 'Slack',
    emulator: () => slack,
    route: 'POST /api/auth.test',
    known: () => {
      const s = fakeTokens.slackBot();
      slack.addToken(s, { user: 'bot', team: 'Acme', scopes: ['chat:write'] });
      return s;
    },
  },
  {
    name: 'npm',
    emulator: () => npm,
    route: 'GET /-/whoami',
    known: () => {
      const s = fakeTokens.npm();
      npm.addToken(s, { username: 'fake-publisher' });
      return s;
    },
  },
];

const faults: [string, Fault, RegExp][] = [
  ['a 500 that persists', { kind: 'server-error', status: 500 }, /had a server error \(500\)/],
  ['a 503 that persists', { kind: 'server-error', status: 503 }, /had a server error \(503\)/],
  ['a provider that never answers', { kind: 'hang' }, /did not answer in time/],
  ['a 10 MB answer', { kind: 'huge-body' }, /larger than 1024 KiB; Lapse stopped reading it/],
  [
    'a 10 MB answer without a Content-Length',
    { kind: 'huge-body', declareLength: false },
    /larger than 1024 KiB; Lapse stopped reading it/,
  ],
  ['an answer that is not JSON', { kind: 'invalid-json' }, /not the JSON it documents/],
  ['a rate limit longer than Lapse waits', { kind: 'rate-limit', retryAfterSeconds: 120 }, /asked Lapse to slow down/],
];

describe.each(providers)('$name: a provider that cannot answer', (p) => {
  it.each(faults)('%s: "could not verify", in bounded time, and never disconnected', async (_name, fault, reason) => {
    const added = await t.add({ label: 'faulty', secret: p.known(), baseUrl: p.emulator().url });
    const before = await t.check(added.id);
    p.emulator().inject(p.route, fault, { times: 20 });

    const started = Date.now();
    const result = await t.check(added.id);

    expect(Date.now() - started).toBeLessThan(6_000);
    expect(result.outcome).toBe('unreachable');
    expect(result.message).toMatch(/^could not verify \(/);
    expect(result.message).toMatch(reason);
    expect(result.message).toMatch(/; retry (at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC|later)\)$/);
    expect(result.token.verification?.outcome).toBe('unreachable');
    expect(result.token.status).not.toBe('disconnected');
    expect(result.token.lastVerifiedAt).toBe(before.token.lastVerifiedAt);
    expect(result.token.account).toBe(before.token.account);
    expect(result.retryAt).not.toBeNull();
    // The log says it was not verified, not "verified".
    const entries = readAudit(t.store, added.id);
    expect(entries.at(-1)).toMatchObject({
      event: 'verify-failed',
      detail: expect.stringMatching(/^Not verified: could not verify \(/),
    });
  });
});

describe('rate limits are honoured', () => {
  it('a 429 with Retry-After is waited out: nothing is sent inside the window, then the token verifies', async () => {
    const added = await t.add({ label: 'paced', secret: providers[0]!.known(), baseUrl: github.url });
    github.inject('GET /user', { kind: 'rate-limit', retryAfterSeconds: 1 });

    const result = await t.check(added.id);

    const [limited, retried] = github.requests.slice(-2);
    expect(result.outcome).toBe('valid');
    expect(github.requestsInsideWindow).toBe(0);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it('a Retry-After one token received holds back every token of that provider', async () => {
    const first = await t.add({ label: 'first', secret: providers[2]!.known(), baseUrl: slack.url });
    const second = await t.add({ label: 'second', secret: providers[2]!.known(), baseUrl: slack.url });
    slack.inject('POST /api/auth.test', { kind: 'rate-limit', retryAfterSeconds: 1 });
    const seen = slack.requests.length;

    const firstDone = t.check(first.id);
    // Start the second token once the first one's 429 is out.
    while (slack.requests.length === seen) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    const results = await Promise.all([firstDone, t.check(second.id)]);

    expect(results.map((r) => r.outcome)).toEqual(['valid', 'valid']);
    expect(slack.requestsInsideWindow).toBe(0);
  });

  it("GitHub's primary limit (403, x-ratelimit-remaining 0) is waited out until x-ratelimit-reset", async () => {
    const added = await t.add({ label: 'paced', secret: providers[0]!.known(), baseUrl: github.url });
    github.inject('GET /user', { kind: 'rate-limit-reset', resetInSeconds: 1 });

    const result = await t.check(added.id);

    expect(result.outcome).toBe('valid');
    expect(github.requestsInsideWindow).toBe(0);
  });

  it("GitHub's primary limit with a reset an hour away is unreachable until then, not a refusal", async () => {
    const added = await t.add({ label: 'paced', secret: providers[0]!.known(), baseUrl: github.url });
    github.inject('GET /user', { kind: 'rate-limit-reset', resetInSeconds: 3600 });

    const result = await t.check(added.id);

    expect(result.outcome).toBe('unreachable');
    expect(Math.abs(Date.parse(result.retryAt ?? '') - (Date.now() + 3600_000))).toBeLessThan(5_000);
    expect(result.token.status).not.toBe('disconnected');
  });

  it('a GitHub secondary limit answered as 403 with retry-after is waited out, not taken for a refusal', async () => {
    const strict = await startGithubEmulator({ secondaryLimitStatus: 403 });
    try {
      const secret = fakeTokens.githubClassic();
      strict.addToken(secret, { login: 'octocat', scopes: ['repo'] });
      const added = await t.add({ label: 'paced', secret, baseUrl: strict.url });
      strict.inject('GET /user', { kind: 'rate-limit', retryAfterSeconds: 1 });

      const result = await t.check(added.id);

      expect(result.token.account).toBe('octocat');
      expect(strict.requests).toHaveLength(2);
      expect(strict.requestsInsideWindow).toBe(0);
    } finally {
      await strict.close();
    }
  });

  it('a 503 with Retry-After is retried only after the time it asked for', async () => {
    const added = await t.add({ label: 'paced', secret: providers[3]!.known(), baseUrl: npm.url });
    npm.inject('GET /-/whoami', { kind: 'server-error', status: 503, retryAfterSeconds: 1 });
    const seen = npm.requests.length;

    const result = await t.check(added.id);

    const whoami = npm.requests.slice(seen).filter((r) => r.path === '/-/whoami');
    expect(result.outcome).toBe('valid');
    expect((whoami[1]?.at ?? 0) - (whoami[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
  });
});

describe('where a token goes', () => {
  it('a redirect is not followed, and the token never reaches the other origin', async () => {
    const added = await t.add({ label: 'moved', secret: providers[0]!.known(), baseUrl: github.url });
    github.inject('GET /user', { kind: 'redirect', location: `${slack.url}/user` }, { times: 5 });
    const slackSeen = slack.requests.length;

    const result = await t.check(added.id);

    expect(result.outcome).toBe('unreachable');
    expect(result.message).toMatch(/answered with a redirect \(302\); Lapse does not follow redirects/);
    expect(slack.requests.length).toBe(slackSeen);
  });

  it('every request carrying a token goes to that token’s own base URL', async () => {
    const secrets = providers.map((p) => p.known());
    const tokens = await Promise.all(
      providers.map((p, i) => t.add({ label: p.name, secret: secrets[i] as string, baseUrl: p.emulator().url })),
    );
    for (const token of tokens) await t.check(token.id);

    providers.forEach((p, i) => {
      const foreign = secrets.filter((_, j) => j !== i);
      const carried = p.emulator().requests.map((r) => r.credential ?? '');
      expect(carried.some((c) => c.includes(secrets[i] as string))).toBe(true);
      expect(carried.filter((c) => foreign.some((s) => c.includes(s)))).toEqual([]);
    });
  });
});

describe('what a failed verify leaves behind', () => {
  it('an outage does not clear a rejection the provider gave', async () => {
    const secret = providers[0]!.known();
    const added = await t.add({ label: 'gone', secret, baseUrl: github.url });
    github.updateToken(secret, { revoked: true });
    await t.check(added.id);
    github.inject('GET /user', { kind: 'server-error', status: 503 }, { times: 10 });

    const result = await t.check(added.id);

    expect(result.outcome).toBe('unreachable');
    expect(result.token.status).toBe('disconnected');
    expect(result.token.verification?.notes.at(-1)).toMatch(/could not verify .*this rejection stands/);
  });

  it('a locked keychain fails the call with its own code and changes nothing', async () => {
    const added = await t.add({ label: 'locked', secret: providers[0]!.known(), baseUrl: github.url });
    t.keychain.failNext('get', new KeychainError('keychain-locked', keychainMessages.locked));

    const result = await t.verify.verifyToken({ id: added.id });

    expect(result).toEqual({ ok: false, error: { code: 'keychain-locked', message: keychainMessages.locked } });
    expect((await t.store.read()).tokens[added.id]?.verification).toBeNull();
  });

  it('a keychain entry removed by hand is "secret missing", not a rejection', async () => {
    const added = await t.add({ label: 'missing', secret: providers[0]!.known(), baseUrl: github.url });
    t.keychain.entries.delete(added.id);

    const result = await t.verify.verifyToken({ id: added.id });

    expect(result.ok ? null : result.error.code).toBe('secret-missing');
    expect((await t.store.read()).tokens[added.id]?.verification).toBeNull();
  });

  it('a token of a provider Lapse cannot verify is refused with a clear message', async () => {
    const added = await t.add({ label: 'billing', secret: fakeTokens.stripeTest() });

    const result = await t.verify.verifyToken({ id: added.id });

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid-input',
        message: 'Lapse cannot verify Stripe tokens yet; check this one at Stripe by hand.',
      },
    });
  });
});
