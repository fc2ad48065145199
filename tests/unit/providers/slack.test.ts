import { describe, expect, it } from 'vitest';
import type { SlackToken } from '../../emulators/slack.js';
import { startSlackEmulator } from '../../emulators/slack.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { verifyHarness } from './verify-harness.js';
import { freshEachTest, useEmulator } from '../../helpers/lifetimes.js';

const slack = useEmulator(startSlackEmulator);
const t = freshEachTest(verifyHarness);

async function slackToken(state: SlackToken, secret = fakeTokens.slackBot(), scopes: string[] = []) {
  slack.addToken(secret, state);
  return { secret, token: await t.add({ label: 'release notifier', secret, baseUrl: slack.url, scopes }) };
}

describe('Slack: verifying a token', () => {
  it('a valid bot token records its user and workspace, its scopes, and that it never expires', async () => {
    const { token } = await slackToken({
      user: 'release-bot',
      team: 'Acme',
      scopes: ['chat:write', 'channels:read'],
      botId: 'B0FAKE01',
    });

    const result = await t.check(token.id);

    expect(result.outcome).toBe('valid');
    expect(result.token).toMatchObject({
      account: 'release-bot @ Acme',
      grantedScopes: ['chat:write', 'channels:read'],
      expiresAt: null,
      expirySource: 'provider',
    });
    expect(result.learned).toEqual([
      'account release-bot @ Acme',
      'scopes chat:write, channels:read',
      'no expiry (from Slack)',
    ]);
    expect(result.token.verification?.notes).toContain('A bot token (bot B0FAKE01).');
  });

  it("a rotating token's expiry comes from expires_in", async () => {
    const expiresAt = Date.now() + 12 * 3600_000;
    const { token } = await slackToken(
      { user: 'grace', team: 'Acme', scopes: ['chat:write'], expiresAt: new Date(expiresAt).toISOString() },
      fakeTokens.slackRotatingUser(),
    );

    const result = await t.check(token.id);

    expect(Math.abs(Date.parse(result.token.expiresAt ?? '') - expiresAt)).toBeLessThan(5_000);
    expect(result.token.expirySource).toBe('provider');
  });

  it.each([
    ['token_revoked', { revoked: true }, 'revoked'],
    ['token_expired', { expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expired'],
    ['account_inactive', { inactive: true }, 'inactive'],
  ] as const)('%s shows as disconnected, %s', async (code, state, reason) => {
    const { token } = await slackToken({ user: 'grace', team: 'Acme', ...state }, fakeTokens.slackRotatingUser());

    const result = await t.check(token.id);

    expect(result.token.verification).toMatchObject({ outcome: 'rejected', reason, dead: code !== 'account_inactive' });
    expect(result.message).toContain(code);
    expect(result.token.status).toBe('disconnected');
  });

  it('invalid_auth is no verdict (an invalid token, or an IP address the workspace does not allow): cannot tell, never disconnected', async () => {
    const added = await t.add({ label: 'unknown', secret: fakeTokens.slackBot(), baseUrl: slack.url });

    const result = await t.check(added.id);

    expect(result.outcome).toBe('unreachable');
    expect(result.message).toMatch(/invalid_auth.*IP address/);
    expect(result.token.status).not.toBe('disconnected');
  });

  it('a live token used from an address outside the workspace allow-list gets invalid_auth: cannot tell, and never revoked', async () => {
    const { secret, token } = await slackToken(
      { user: 'grace', team: 'Acme', allowedIps: ['203.0.113.7'] },
      fakeTokens.slackUser(),
    );

    expect((await t.check(token.id)).outcome).toBe('unreachable');
    expect(slack.tokenState(secret)?.revoked).toBeFalsy();
  });

  it('a token now in another workspace is disconnected', async () => {
    const { secret, token } = await slackToken({ user: 'release-bot', team: 'Acme', scopes: ['chat:write'] });
    await t.check(token.id);
    slack.updateToken(secret, { team: 'Umbrella' });

    const result = await t.check(token.id);

    expect(result.message).toMatch(/now belongs to release-bot @ Umbrella, not release-bot @ Acme/);
    expect(result.token.status).toBe('disconnected');
  });

  it('scopes wider than declared are out of scope; narrower ones are named', async () => {
    const wide = await slackToken(
      { user: 'bot', team: 'Acme', scopes: ['chat:write', 'admin'] },
      fakeTokens.slackBot(),
      ['chat:write'],
    );
    const narrow = await slackToken({ user: 'bot', team: 'Acme', scopes: ['chat:write'] }, fakeTokens.slackBot(), [
      'chat:write',
      'files:write',
    ]);

    const wideResult = await t.check(wide.token.id);
    const narrowResult = await t.check(narrow.token.id);

    expect(wideResult.token.findings.find((f) => f.code === 'out-of-scope')?.message).toMatch(
      /admin is more than it needs/,
    );
    expect(narrowResult.learned).toContain('Lacks files:write, which its purpose needs.');
  });

  it('asks auth.test with the token in the Authorization header only', async () => {
    const { secret, token } = await slackToken({ user: 'grace', team: 'Acme' });

    await t.check(token.id);

    expect(slack.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/auth.test',
      credential: `Bearer ${secret}`,
    });
  });
});
