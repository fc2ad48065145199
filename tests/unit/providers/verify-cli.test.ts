import { describe, expect, it } from 'vitest';
import { startGithubEmulator } from '../../emulators/github.js';
import { startGitlabEmulator } from '../../emulators/gitlab.js';
import { startNpmEmulator } from '../../emulators/npm.js';
import { startSlackEmulator } from '../../emulators/slack.js';
import { fakeTokens, tracesIn } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { allFileText } from '../../helpers/temp-home.js';
import { useEmulator } from '../../helpers/lifetimes.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';
import { builtLapse } from '../../helpers/cli-vault.js';

announceKeychainSkip();

const github = useEmulator(startGithubEmulator);
const gitlab = useEmulator(startGitlabEmulator);
const slack = useEmulator(startSlackEmulator);
const npm = useEmulator(startNpmEmulator);
const vault = ownVaultEachTest('lapse-verify-cli');
/** The real `lapse` binary, as a person runs it, against this test's vault and keychain vault.service. */
const lapse = builtLapse(vault);

async function add(secret: string, label: string, ...extra: string[]): Promise<string> {
  const added = await lapse(['add', '--label', label, ...extra], `${secret}\n`);
  expect(added.code, added.stderr).toBe(0);
  return added.stdout.trim().split(/\s+/)[0] ?? '';
}

describe.runIf(inKeychainSession)('lapse verify, end to end through the real CLI and keychain', () => {
  it('verify --all --json asks each provider, records what it says, and exits 1 because one token was rejected', async () => {
    const secrets = {
      github: fakeTokens.githubClassic(),
      gitlab: fakeTokens.gitlabLegacy(),
      slack: fakeTokens.slackBot(),
      npm: fakeTokens.npm(),
      stripe: fakeTokens.stripeTest(),
    };
    github.addToken(secrets.github, { login: 'octocat', scopes: ['repo'], expiresAt: '2099-01-01T00:00:00.000Z' });
    gitlab.addToken(secrets.gitlab, { username: 'grace', scopes: ['api'], expiresAt: '2099-01-01' });
    slack.addToken(secrets.slack, { user: 'release-bot', team: 'Acme', revoked: true });
    npm.addToken(secrets.npm, { username: 'fake-publisher', readonly: true });
    await add(secrets.github, 'laptop push', '--base-url', github.url, '--scopes', 'repo');
    await add(secrets.gitlab, 'deploy bot', '--base-url', gitlab.url);
    await add(secrets.slack, 'release notifier', '--base-url', slack.url);
    await add(secrets.npm, 'publish from CI', '--base-url', npm.url);
    await add(secrets.stripe, 'billing');

    const verified = await lapse(['verify', '--all', '--json']);

    expect(verified.code, verified.stderr).toBe(1);
    const doc = JSON.parse(verified.stdout) as { results: Record<string, unknown>[]; summary: Record<string, number> };
    expect(doc.summary).toEqual({ total: 5, valid: 3, rejected: 1, unreachable: 0, failed: 0, skipped: 1 });
    const byLabel = Object.fromEntries(doc.results.map((r) => [r['label'], r]));
    expect(byLabel['laptop push']).toMatchObject({
      outcome: 'valid',
      account: 'octocat',
      grantedScopes: ['repo'],
      expiresAt: '2099-01-01T00:00:00.000Z',
      expirySource: 'provider',
      learned: ['account octocat', 'scopes repo', 'expires 2099-01-01 (from GitHub)'],
    });
    expect(byLabel['deploy bot']).toMatchObject({ outcome: 'valid', account: 'grace' });
    expect(byLabel['release notifier']).toMatchObject({
      outcome: 'rejected',
      reason: 'revoked',
      status: 'disconnected',
    });
    expect(byLabel['publish from CI']).toMatchObject({ outcome: 'valid', account: 'fake-publisher' });
    expect(byLabel['billing']).toMatchObject({ outcome: 'skipped', message: 'Lapse cannot verify Stripe tokens yet' });

    const progress = verified.stderr.trim().split('\n');
    expect(progress).toHaveLength(4);
    expect(progress.find((l) => l.includes('laptop push'))).toMatch(
      /^\[[1-4]\/4\] GitHub laptop push: valid — account octocat, scopes repo, expires 2099-01-01 \(from GitHub\)$/,
    );
    for (const line of progress)
      expect(line).toMatch(/^\[[1-4]\/4\] (GitHub|GitLab|Slack|npm) .+: (valid|rejected) — .+/);

    const listed = JSON.parse((await lapse(['list', '--json'])).stdout) as {
      label: string;
      account: string | null;
      lastVerifiedAt: string | null;
    }[];
    expect(listed.find((t) => t.label === 'laptop push')).toMatchObject({ account: 'octocat' });
    expect(listed.find((t) => t.label === 'laptop push')?.lastVerifiedAt).not.toBeNull();

    const everything = [verified.stdout, verified.stderr, ...allFileText(vault.home).map((f) => f.text)].join('\n');
    for (const secret of Object.values(secrets)) expect(tracesIn(everything, secret)).toEqual([]);
  });

  it('verify ID prints what was learned and exits 0 for a valid token', async () => {
    const secret = fakeTokens.githubClassic();
    github.addToken(secret, { login: 'octocat', scopes: ['repo', 'read:org'] });
    const id = await add(secret, 'laptop push', '--base-url', github.url);

    const verified = await lapse(['verify', id.slice(0, 8)]);

    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain(
      'GitHub laptop push: valid\n  account octocat\n  scopes repo, read:org\n  no expiry (from GitHub)',
    );
    expect(verified.stderr).toBe(
      '[1/1] GitHub laptop push: valid — account octocat, scopes repo, read:org, no expiry (from GitHub)\n',
    );
  });

  it('a provider that cannot answer exits 1 with "could not verify", and the token is not disconnected', async () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, { username: 'fake-publisher' });
    npm.inject('GET /-/whoami', { kind: 'server-error', status: 500 }, { times: 10 });
    const id = await add(secret, 'publish from CI', '--base-url', npm.url);

    const verified = await lapse(['verify', id, '--json']);
    npm.clearFaults();

    expect(verified.code).toBe(1);
    const [result] = (JSON.parse(verified.stdout) as { results: Record<string, unknown>[] }).results;
    expect(result).toMatchObject({ outcome: 'unreachable', lastVerifiedAt: null });
    expect(String(result?.['message'])).toMatch(
      /^could not verify \(127\.0\.0\.1:\d+ had a server error \(500\); retry at /,
    );
    expect(result?.['status']).not.toBe('disconnected');
  });
});

describe('lapse verify usage', () => {
  it('asks for an id or --all, and a sane --concurrency', async () => {
    expect((await lapse(['verify'])).code).toBe(2);
    const bad = await lapse(['verify', '--all', '--concurrency', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--concurrency takes a whole number from 1 to 64.');
  });
});
