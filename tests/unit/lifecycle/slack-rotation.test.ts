import { afterEach, describe, expect, it } from 'vitest';
import { resumeRotations, rotationCalls } from '../../../electron/lifecycle/rotation-calls.js';
import { readJournals, unfinishedJournals } from '../../../electron/lifecycle/rotation-journal.js';
import { oauthCalls } from '../../../electron/providers/oauth/credential-calls.js';
import { startSlackEmulator, slackAccessLifetimeSeconds } from '../../emulators/slack.js';
import { fakeTokens, randomDigits, randomHex, tracesIn } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { allFileText } from '../../helpers/temp-home.js';
import { fastHttp, value } from '../providers/verify-harness.js';
import { lifecycleRig } from './lifecycle-rig.js';
import { freshEachTest, useEmulator } from '../../helpers/lifetimes.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';
import { builtLapse } from '../../helpers/cli-vault.js';

announceKeychainSkip();

const slack = useEmulator(startSlackEmulator);
const rig = freshEachTest(lifecycleRig);

afterEach(() => {
  slack.clearFaults();
  slack.refusalStyle = 'slack';
});

const refreshRoute = 'POST /api/oauth.v2.access';
const refreshCalls = () => slack.requests.filter((r) => r.path === '/api/oauth.v2.access').length;
const authRevokes = () => slack.requests.filter((r) => r.path === '/api/auth.revoke').length;
const slots = (id: string) => [...rig.keychain.entries.keys()].filter((k) => k.startsWith(id)).sort();

/** A Slack app with token rotation on, its installation's access and refresh tokens, as Slack holds them. */
function slackApp() {
  const clientId = `${randomDigits(10)}.${randomDigits(13)}`;
  const clientSecret = `FAKE${randomHex(28)}`;
  const access = fakeTokens.slackRotatingBot();
  const refresh = fakeTokens.slackRefresh();
  slack.addClient(clientId, clientSecret);
  const family = slack.addRefreshToken(
    refresh,
    {
      clientId,
      tokenType: 'bot',
      token: { user: 'release-bot', team: 'Acme', scopes: ['chat:write'], botId: 'B0FAKE01' },
    },
    access,
  );
  return { clientId, clientSecret, access, refresh, family };
}

/** The app's tokens added to Lapse, with the app's credentials and refresh token given through the OAuth calls. */
async function addRotatingSlack(clientSecret?: string) {
  const app = slackApp();
  const token = await rig.add({
    secret: app.access,
    label: 'release notifier',
    baseUrl: slack.url,
    scopes: ['chat:write'],
  });
  const oauth = oauthCalls({ keychain: rig.keychain, store: rig.store, now: Date.now });
  value(
    await oauth.setOAuthCredentials({
      id: token.id,
      clientId: app.clientId,
      clientSecret: clientSecret ?? app.clientSecret,
      refreshToken: app.refresh,
    }),
  );
  return { ...app, token };
}

describe('Slack refresh rotation (token rotation on), through the service', () => {
  it('refreshes: the new access and refresh tokens are stored, the old refresh token spent; the old access token is never auth.revoked (its bot user would be deactivated) but left to expire, and a later start confirms it by its expiry', async () => {
    const { token, access, refresh, family } = await addRotatingSlack();
    const before = refreshCalls();
    const revokes = authRevokes();

    const result = value(await rig.api.rotateToken({ id: token.id }));

    expect(result).toMatchObject({ state: 'revocation-pending', kind: 'automatic' });
    expect(result.message).toMatch(
      /The old access token is left to expire at \S+: revoking it with auth\.revoke would deactivate a bot user and remove it from its channels/,
    );
    const current = rig.keychain.entries.get(token.id) ?? '';
    const nextRefresh = rig.keychain.entries.get(`${token.id}#refresh`) ?? '';
    expect(current).toMatch(/^xoxe\.xoxb-/);
    expect(slack.issued).toContain(current);
    expect(nextRefresh).toMatch(/^xoxe-1-/);
    expect(nextRefresh).not.toBe(refresh);
    expect(slack.refreshState(refresh)?.spent).toBe(true);
    expect(slack.refreshState(nextRefresh)).toMatchObject({ spent: false, issuedWith: current });
    // The documented side effect never happens: no auth.revoke, the bot user active and in its channels.
    expect(authRevokes()).toBe(revokes);
    expect(slack.botUser('B0FAKE01')).toEqual({ active: true, channels: ['C0FAKE0001'] });
    expect(slack.liveTokens(family).sort()).toEqual([access, current].sort());
    expect(
      Math.abs(Date.parse(result.token.expiresAt ?? '') - (Date.now() + slackAccessLifetimeSeconds * 1000)),
    ).toBeLessThan(60_000);
    expect(slots(token.id)).toEqual([token.id, `${token.id}#client`, `${token.id}#previous`, `${token.id}#refresh`]);
    // One refresh call, the app's credentials by HTTP Basic.
    expect(refreshCalls() - before).toBe(1);
    expect(slack.requests.filter((r) => r.path === '/api/oauth.v2.access').at(-1)?.credential).toMatch(/^Basic /);

    // Thirteen hours on, the next start finds the old access token past its expiry: dead, without asking Slack to revoke it.
    await resumeRotations(
      { keychain: rig.keychain, store: rig.store, now: () => Date.now() + 13 * 3_600_000 },
      { http: fastHttp },
    );

    expect(unfinishedJournals(rig.home)).toEqual([]);
    expect(readJournals(rig.home).map((j) => [j.kind, j.step, j.outcome])).toEqual([
      ['slack-refresh', 'finished', 'done'],
    ]);
    expect(slots(token.id)).toEqual([token.id, `${token.id}#client`, `${token.id}#refresh`]);
    expect(authRevokes()).toBe(revokes);
    const events = value(await rig.api.getHistory({ id: token.id })).entries.map((e) => `${e.event}: ${e.detail}`);
    expect(events.some((e) => /^rotated: Rotated \(slack-refresh\)/.test(e))).toBe(true);
    expect(
      events.some((e) => /^revoked: The value this token replaced is confirmed dead \(it expired at /.test(e)),
    ).toBe(true);
    const disk = allFileText(rig.home)
      .map((f) => f.text)
      .join('\n');
    for (const secret of [access, refresh, current, nextRefresh]) expect(tracesIn(disk, secret)).toEqual([]);
  });

  it('refreshes again from the stored refresh token once the replaced value has expired: each rotation spends the one before', async () => {
    const { token } = await addRotatingSlack();
    value(await rig.api.rotateToken({ id: token.id }));
    const firstRefresh = rig.keychain.entries.get(`${token.id}#refresh`) ?? '';
    const later = { keychain: rig.keychain, store: rig.store, now: () => Date.now() + 13 * 3_600_000 };
    await resumeRotations(later, { http: fastHttp });

    const second = value(await rotationCalls(later, { http: fastHttp }).rotateToken({ id: token.id }));

    // Judged 13 hours on, the value it replaced (12 hours of life by Slack's word) is already past its expiry.
    expect(second.state).toBe('finished');
    expect(slack.refreshState(firstRefresh)?.spent).toBe(true);
    expect(rig.keychain.entries.get(`${token.id}#refresh`)).not.toBe(firstRefresh);
  });

  it('a wrong client secret is refused before anything changes, and says how to fix it', async () => {
    const { token, access, refresh, family } = await addRotatingSlack(`FAKE${randomHex(28)}`);

    const result = await rig.api.rotateToken({ id: token.id });

    expect(result.ok ? null : result.error.message).toMatch(
      /the client secret is wrong \(bad_client_secret\)\. Nothing changed; fix the app credentials with `lapse oauth set/,
    );
    expect(rig.keychain.entries.get(token.id)).toBe(access);
    expect(rig.keychain.entries.get(`${token.id}#refresh`)).toBe(refresh);
    expect(slack.refreshState(refresh)?.spent).toBe(false);
    expect(slack.liveTokens(family)).toEqual([access]);
    expect(slots(token.id)).toEqual([token.id, `${token.id}#client`, `${token.id}#refresh`]);
    expect(readJournals(rig.home).map((j) => [j.step, j.outcome])).toEqual([['finished', 'abandoned']]);
    expect(value(await rig.api.getToken({ id: token.id })).status).not.toBe('disconnected');
  });

  it.each(['slack', 'oauth'] as const)(
    'a spent refresh token (%s style refusal) changes nothing and says to give Lapse a new one',
    async (style) => {
      const { token, access, refresh } = await addRotatingSlack();
      const spent = slack.refreshState(refresh);
      if (spent) spent.spent = true;
      slack.refusalStyle = style;

      const result = await rig.api.rotateToken({ id: token.id });

      const message = result.ok ? '' : result.error.message;
      expect(message).toContain(style === 'slack' ? '(invalid_refresh_token)' : '(invalid_grant)');
      expect(message).toMatch(
        /Nothing changed: reinstall the app .*`lapse oauth set \S+ --refresh-token-stdin`, then run `lapse rotate/,
      );
      expect(rig.keychain.entries.get(token.id)).toBe(access);
      expect(slack.tokenState(access)?.revoked).toBeFalsy();
      expect(unfinishedJournals(rig.home)).toEqual([]);
    },
  );

  it('Slack rate-limiting the refresh (429): nothing was refreshed, nothing changed, try again after its window', async () => {
    const { token, access, refresh } = await addRotatingSlack();
    slack.inject(refreshRoute, { kind: 'rate-limit', retryAfterSeconds: 60 });
    const before = refreshCalls();

    const result = await rig.api.rotateToken({ id: token.id });

    expect(result.ok ? null : result.error.message).toMatch(
      /Slack asked Lapse to slow down, so nothing was refreshed: try again after \d{4}-/,
    );
    expect(refreshCalls() - before).toBe(1);
    expect(rig.keychain.entries.get(token.id)).toBe(access);
    expect(slack.refreshState(refresh)?.spent).toBe(false);
    const view = value(await rig.api.getToken({ id: token.id }));
    expect(view.status).not.toBe('disconnected');
    expect(view.revokedAt).toBeNull();
    expect(readJournals(rig.home).map((j) => j.outcome)).toEqual(['abandoned']);
  });

  it.each([
    ['hangs without answering', { kind: 'hang' }],
    ['answers 503', { kind: 'server-error', status: 503 }],
  ] as const)(
    'the refresh call %s before Slack ran it: Lapse finds the refresh token unspent, refreshes once, and finishes',
    async (_what, fault) => {
      const { token, access, family } = await addRotatingSlack();
      slack.inject(refreshRoute, fault);
      const before = refreshCalls();

      const result = value(await rig.api.rotateToken({ id: token.id }));

      expect(result.state).toBe('revocation-pending');
      expect(refreshCalls() - before).toBe(2);
      const current = rig.keychain.entries.get(token.id) ?? '';
      expect(slack.issued.filter((s) => slack.tokenState(s)?.family === family)).toEqual([current]);
      // Left to expire, never auth.revoked.
      expect(slack.tokenState(access)?.revoked).toBeFalsy();
      expect(slack.liveTokens(family).sort()).toEqual([access, current].sort());
    },
  );

  it('the answer times out after Slack refreshed: the refresh token is spent, so it is marked for re-authorization (never replayed)', async () => {
    const { token, access, refresh, family } = await addRotatingSlack();
    slack.inject(refreshRoute, { kind: 'slow-body', ms: 4_000 });
    const before = refreshCalls();

    const result = value(await rig.api.rotateToken({ id: token.id }));

    expect(result.state).toBe('reauthorize');
    expect(result.message).toMatch(
      /^Slack refreshed this token, but its answer never reached Lapse, so the new values were lost: the stored refresh token is spent\. The current access token works until it expires/,
    );
    expect(result.token.status).toBe('disconnected');
    expect(result.token.revokedAt).toBeNull();
    // The call and the one check that found the refresh token spent; nothing more.
    expect(refreshCalls() - before).toBe(2);
    expect(slack.refreshState(refresh)?.spent).toBe(true);
    expect(rig.keychain.entries.get(token.id)).toBe(access);
    // The value in the keychain still works until its 12 hours are up; the lost one dies by then too.
    const lost = slack.issued.filter((s) => slack.tokenState(s)?.family === family);
    expect(lost).toHaveLength(1);
    expect(slack.liveTokens(family).sort()).toEqual([access, ...lost].sort());
    expect(Date.parse(slack.tokenState(lost[0] ?? '')?.expiresAt ?? '')).toBeLessThanOrEqual(
      Date.now() + slackAccessLifetimeSeconds * 1000,
    );
    // The message says the lost one cannot be revoked by anything Lapse holds, and when it dies.
    expect(result.message).toMatch(
      /The new access token Slack issued in that refresh was lost too, and nothing Lapse holds can revoke it .*: it stays live until it expires, by about \d{4}-\d\d-\d\d \d\d:\d\d UTC \(12 hours after the refresh\)\./,
    );
    const dies = Date.parse(`${/by about (\S+ \S+) UTC/.exec(result.message)?.[1]?.replace(' ', 'T') ?? ''}Z`);
    expect(Math.abs(dies - Date.parse(slack.tokenState(lost[0] ?? '')?.expiresAt ?? ''))).toBeLessThan(2 * 60_000);
    expect(readJournals(rig.home)[0]).toMatchObject({ step: 'finished', outcome: 'reauthorize' });
  });

  it('without the app credentials a Slack token is not refreshed: nothing changes and Lapse says what to give', async () => {
    const app = slackApp();
    const token = await rig.add({ secret: app.access, label: 'release notifier', baseUrl: slack.url });
    rig.keychain.entries.set(`${token.id}#refresh`, app.refresh);

    const result = await rig.api.rotateToken({ id: token.id });

    expect(result.ok ? null : result.error.message).toMatch(
      /needs the app's client id and secret .*`lapse oauth set \S+ --client-id X --client-secret-stdin --refresh-token-stdin`/,
    );
    expect(slack.refreshState(app.refresh)?.spent).toBe(false);
  });

  it('a Slack token with its companions still verifies as before', async () => {
    const { token } = await addRotatingSlack();
    const verified = value(await rig.api.verifyToken({ id: token.id }));
    expect(verified.outcome).toBe('valid');
    expect(verified.token.account).toBe('release-bot @ Acme');
  });

  it('the OAuth calls take only what a Slack refresh can use: a client secret, an xoxe-1- refresh token', async () => {
    const app = slackApp();
    const token = await rig.add({ secret: app.access, label: 'release notifier', baseUrl: slack.url });
    const oauth = oauthCalls({ keychain: rig.keychain, store: rig.store, now: Date.now });

    const publicClient = await oauth.setOAuthCredentials({ id: token.id, clientId: app.clientId });
    const notRefresh = await oauth.setOAuthCredentials({ id: token.id, refreshToken: fakeTokens.slackRotatingBot() });

    expect(publicClient.ok ? null : publicClient.error.message).toMatch(/client secret too/);
    expect(notRefresh.ok ? null : notRefresh.error.message).toMatch(
      /not a Slack refresh token: it starts with xoxe-1-/,
    );
    expect(slots(token.id)).toEqual([token.id]);
  });
});

describe.runIf(inKeychainSession)('Slack refresh rotation through the real CLI and keychain', () => {
  const vault = ownVaultEachTest('lapse-slack-cli');
  const lapse = builtLapse(vault);

  async function added(app: ReturnType<typeof slackApp>) {
    const add = await lapse(['add', '--label', 'release notifier', '--base-url', slack.url], `${app.access}\n`);
    expect(add.code, add.stderr).toBe(0);
    const id = add.stdout.trim().split(/\s+/)[0] ?? '';
    const set = await lapse(
      ['oauth', 'set', id, '--client-id', app.clientId, '--client-secret-stdin', '--refresh-token-stdin'],
      `${app.clientSecret}\n${app.refresh}\n`,
    );
    expect(set.code, set.stderr).toBe(0);
    return id;
  }

  it('lapse rotate refreshes it: the new value is what lapse reveal shows, the old one is dead, and lapse log has both steps', async () => {
    const app = slackApp();
    const id = await added(app);

    const rotated = await lapse(['rotate', id, '--yes']);

    // The old access token is left to expire (revoking it would deactivate the bot user): exit 1, "may still be live".
    expect(rotated.code, rotated.stderr).toBe(1);
    expect(rotated.stderr).toMatch(/Slack refresh/);
    expect(rotated.stdout).toMatch(
      /^release notifier: REVOCATION-PENDING — Refreshed: the new access token is current .*left to expire/,
    );
    const current = (await lapse(['reveal', id])).stdout.trim();
    expect(slack.liveTokens(app.family).sort()).toEqual([app.access, current].sort());
    expect(slack.botUser('B0FAKE01')?.active).toBe(true);
    expect(slack.refreshState(app.refresh)?.spent).toBe(true);
    expect(JSON.parse((await lapse(['oauth', 'show', id, '--json'])).stdout)).toMatchObject({
      clientId: app.clientId,
      hasClientSecret: true,
      hasRefreshToken: true,
    });
    const events = (
      JSON.parse((await lapse(['log', id, '--json'])).stdout) as { entries: { event: string }[] }
    ).entries.map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['added', 'rotated']));
    for (const output of [rotated.stdout, rotated.stderr]) expect(tracesIn(output, current)).toEqual([]);
  });

  it('lapse rotate with a spent refresh token exits non-zero, changes nothing, and says what to do', async () => {
    const app = slackApp();
    const id = await added(app);
    const spent = slack.refreshState(app.refresh);
    if (spent) spent.spent = true;

    const rotated = await lapse(['rotate', id, '--yes']);

    expect(rotated.code).not.toBe(0);
    expect(rotated.stderr).toMatch(
      /Slack refuses the refresh token \(invalid_refresh_token\).*Nothing changed: reinstall the app/,
    );
    expect((await lapse(['reveal', id])).stdout.trim()).toBe(app.access);
    expect(slack.liveTokens(app.family)).toEqual([app.access]);
  });
});
