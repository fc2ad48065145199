import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TokenView } from '../../../shared/model.js';
import type { ProviderAdapter } from '../../../electron/providers/provider.js';
import { RateGate } from '../../../electron/providers/rate-gate.js';
import { verifyAll } from '../../../shared/verify-all.js';
import { githubProvider } from '../../../electron/providers/github/adapter.js';
import { gitlabProvider } from '../../../electron/providers/gitlab/adapter.js';
import { npmProvider } from '../../../electron/providers/npm/adapter.js';
import { slackProvider } from '../../../electron/providers/slack/adapter.js';
import { startGithubEmulator, type GithubEmulator } from '../../emulators/github.js';
import { startGitlabEmulator, type GitlabEmulator } from '../../emulators/gitlab.js';
import { startNpmEmulator, type NpmEmulator } from '../../emulators/npm.js';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { fastHttp, value, verifyHarness, type VerifyHarness } from './verify-harness.js';

let github: GithubEmulator;
let gitlab: GitlabEmulator;
let slack: SlackEmulator;
let npm: NpmEmulator;
let t: VerifyHarness;

beforeAll(async () => {
  [github, gitlab, slack, npm] = await Promise.all([
    startGithubEmulator({ latencyMs: 40 }),
    startGitlabEmulator({ latencyMs: 40 }),
    startSlackEmulator({ latencyMs: 40 }),
    startNpmEmulator({ latencyMs: 40 }),
  ]);
});
afterAll(() => Promise.all([github, gitlab, slack, npm].map((e) => e.close())));
afterEach(() => t.close());

/** How many tokens are asking their providers at once, over all providers. */
const asking = { now: 0, peak: 0 };

let gate: RateGate;

/** The verify calls with every provider limited to `perProvider` tokens at once, counting who is asking. */
const harnessWithLimit = (perProvider: number) =>
  verifyHarness({
    http: fastHttp,
    gate: (gate = new RateGate()),
    adapters: Object.fromEntries(
      [githubProvider, gitlabProvider, slackProvider, npmProvider].map((a): [string, ProviderAdapter] => [
        a.id,
        {
          ...a,
          concurrency: perProvider,
          verify: async (ctx) => {
            asking.peak = Math.max(asking.peak, ++asking.now);
            try {
              return await a.verify(ctx);
            } finally {
              asking.now -= 1;
            }
          },
        },
      ]),
    ),
  });

async function tokensFor(
  count: number,
  make: (i: number) => { secret: string; baseUrl: string; account?: string },
): Promise<TokenView[]> {
  const out: TokenView[] = [];
  for (let i = 0; i < count; i++) {
    const { account, ...given } = make(i);
    const token = await t.add({ label: `token ${i}`, ...given });
    // Whose token it is, as an earlier verify would have learnt.
    if (account) await t.store.update((vault) => void Object.assign(vault.tokens[token.id] ?? {}, { account }));
    out.push(account ? { ...token, account } : token);
  }
  return out;
}

const githubTokens = (n: number) =>
  tokensFor(n, () => {
    const secret = fakeTokens.githubClassic();
    github.addToken(secret, { login: 'octocat', scopes: ['repo'] });
    return { secret, baseUrl: github.url };
  });
const slackTokens = (n: number) =>
  tokensFor(n, () => {
    const secret = fakeTokens.slackBot();
    slack.addToken(secret, { user: 'bot', team: 'Acme' });
    return { secret, baseUrl: slack.url };
  });
const gitlabTokens = (n: number) =>
  tokensFor(n, () => {
    const secret = fakeTokens.gitlabLegacy();
    gitlab.addToken(secret, { username: 'grace', scopes: ['api'] });
    return { secret, baseUrl: gitlab.url };
  });
const npmTokens = (n: number) =>
  tokensFor(n, () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, { username: 'fake-publisher' });
    return { secret, baseUrl: npm.url };
  });

describe('verify-all', () => {
  beforeEach(() => (t = harnessWithLimit(2)));

  it('keeps every provider within its own limit and the whole run within the overall limit, using all of it', async () => {
    const tokens = [
      ...(await githubTokens(6)),
      ...(await gitlabTokens(6)),
      ...(await slackTokens(6)),
      ...(await npmTokens(6)),
    ];
    for (const e of [github, gitlab, slack, npm]) e.resetPeak();
    asking.peak = 0;

    const entries = value(await verifyAll(t.verify, tokens, { concurrency: 5 }));

    expect(entries.map((e) => (e.kind === 'verified' ? e.result.outcome : e.kind))).toEqual(Array(24).fill('valid'));
    expect(asking.peak).toBe(5);
    // One request per token for GitHub and Slack, two at once for GitLab and npm.
    expect(github.peakInFlight).toBeLessThanOrEqual(2);
    expect(slack.peakInFlight).toBeLessThanOrEqual(2);
    expect(gitlab.peakInFlight).toBeLessThanOrEqual(4);
    expect(npm.peakInFlight).toBeLessThanOrEqual(4);
  });

  it('reports progress once per token, and skips revoked tokens and providers it cannot verify without sending them', async () => {
    const [live, gone] = await githubTokens(2);
    await t.store.update((vault) => {
      const record = vault.tokens[gone?.id ?? ''];
      if (record) record.revokedAt = new Date().toISOString();
    });
    const stripe = await t.add({ label: 'billing', secret: fakeTokens.stripeTest() });
    const all = value(await t.vault.listTokens({})).tokens;
    const seen = github.requests.length;
    const progress: string[] = [];

    const entries = value(
      await verifyAll(t.verify, all, {
        concurrency: 4,
        onSettled: (e, done, total) => progress.push(`${done}/${total} ${e.token.label}`),
      }),
    );

    expect(progress).toEqual([`1/1 ${live?.label}`]);
    expect(
      entries.filter((e) => e.kind === 'skipped').map((e) => [e.token.id, e.kind === 'skipped' ? e.reason : '']),
    ).toEqual(
      expect.arrayContaining([
        [gone?.id, 'revoked: kept as history'],
        [stripe.id, 'Lapse cannot verify Stripe tokens yet'],
      ]),
    );
    expect(github.requests.length - seen).toBe(1);
  });
});

describe("verify-all and GitHub's limits, which belong to each user, not to the host", () => {
  beforeEach(() => (t = harnessWithLimit(4)));

  const tokensOf = (login: string, n: number) =>
    tokensFor(n, () => {
      const secret = fakeTokens.githubClassic();
      github.addToken(secret, { login, scopes: ['repo'] });
      return { secret, baseUrl: github.url, account: login };
    });

  it("one user's exhausted bucket stops only that user's tokens: the others verify, and nothing more is sent for that user until its reset", async () => {
    const [spentUser, one, two] = [
      await tokensOf('spent-user', 3),
      await tokensOf('fresh-one', 3),
      await tokensOf('fresh-two', 3),
    ];
    // Interleaved, two at a time: the spent user's first answer comes back before its next token's turn.
    const tokens = [0, 1, 2]
      .flatMap((i) => [one[i], spentUser[i], two[i]])
      .filter((tk): tk is TokenView => tk !== undefined);
    github.exhaust('spent-user', 600);
    const seen = github.requests.length;

    const entries = value(await verifyAll(t.verify, tokens, { concurrency: 2 }));

    const outcomeOf = (login: string) =>
      entries.filter((e) => e.token.account === login).map((e) => (e.kind === 'verified' ? e.result.outcome : e.kind));
    expect(outcomeOf('fresh-one')).toEqual(['valid', 'valid', 'valid']);
    expect(outcomeOf('fresh-two')).toEqual(['valid', 'valid', 'valid']);
    expect(outcomeOf('spent-user')).toEqual(['unreachable', 'unreachable', 'unreachable']);
    const spent = entries.find((e) => e.token.account === 'spent-user');
    expect(spent?.kind === 'verified' ? spent.result.message : '').toMatch(
      /asked Lapse to slow down; (?:try again|retry at)/,
    );
    // Once GitHub named the spent user's limit, Lapse sent that user nothing more.
    expect(gate.sentInsideWindow).toBe(0);
    const spentCredentials = new Set(
      github.requests
        .slice(seen)
        .filter((r) => spentUser.some((tk) => r.credential?.endsWith(tk.masked.slice(-4))))
        .map((r) => r.credential),
    );
    expect(spentCredentials.size).toBe(1);
  });

  it("a secondary limit answered to one user's token holds every GitHub token until it ends: GitHub does not say whose it is", async () => {
    const users: TokenView[][] = [];
    for (const login of ['user-a', 'user-b', 'user-c', 'user-d', 'user-e', 'user-f'])
      users.push(await tokensOf(login, 2));
    const tokens = [0, 1].flatMap((i) => users.map((u) => u[i])).filter((tk): tk is TokenView => tk !== undefined);
    // The third answer opens a 1 s window that the emulator applies to every credential.
    github.inject('GET /user', { kind: 'rate-limit', retryAfterSeconds: 1 }, { after: 2 });
    const insideBefore = github.requestsInsideWindow;
    const windowsBefore = github.windows.length;

    const entries = value(await verifyAll(t.verify, tokens, { concurrency: 2 }));

    expect(entries.map((e) => (e.kind === 'verified' ? e.result.outcome : e.kind))).toEqual(
      Array.from({ length: 12 }, () => 'valid'),
    );
    expect(github.windows.length - windowsBefore).toBe(1);
    expect(gate.sentInsideWindow).toBe(0);
    // Other users' tokens waited too. Held per user, each of them would have spent a request inside
    // the window to learn of it; at most the one already on its way when the 429 went out may arrive.
    expect(github.requestsInsideWindow - insideBefore).toBeLessThanOrEqual(1);
  });

  it('a secondary limit without retry-after or reset waits at least a minute, and the request is not repeated inside it', async () => {
    const [token] = await tokensOf('busy-user', 1);
    github.secondaryLimitWithoutHeaders(1);
    const seen = github.requests.length;
    const before = Date.now();

    const result = value(await t.verify.verifyToken({ id: token?.id ?? '' }));

    expect(result.outcome).toBe('unreachable');
    expect(Date.parse(result.retryAt ?? '') - before).toBeGreaterThanOrEqual(59_000);
    expect(github.requests.length - seen).toBe(1);
  });
});
