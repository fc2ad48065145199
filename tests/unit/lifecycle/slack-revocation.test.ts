import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { value } from '../providers/verify-harness.js';
import { lifecycleRig, type LifecycleRig } from './lifecycle-rig.js';

// Slack's auth.revoke and auth.test as its method docs give them: invalid_auth is also an IP
// restriction, so it proves nothing; only token_revoked and token_expired prove a token dead.

let slack: SlackEmulator;
let rig: LifecycleRig;

beforeAll(async () => {
  slack = await startSlackEmulator();
});
afterAll(() => slack.close());
beforeEach(() => (rig = lifecycleRig()));
afterEach(() => rig.close());

describe('Slack revocation and its verdicts', () => {
  it('a token only usable from other addresses (invalid_auth from here) is never confirmed revoked: pending, secret kept, live at Slack', async () => {
    const secret = fakeTokens.slackUser();
    slack.addToken(secret, { user: 'grace', team: 'Acme', allowedIps: ['203.0.113.7'] });
    const token = await rig.add({ secret, label: 'notifier', baseUrl: slack.url });

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(result.state).toBe('pending');
    expect(result.message).toMatch(/invalid_auth/);
    expect(result.token.revokedAt).toBeNull();
    expect(rig.keychain.entries.get(token.id)).toBe(secret);
    expect(slack.tokenState(secret)?.revoked).toBeFalsy();
  });

  it('a user token revoked by auth.revoke is confirmed by token_revoked', async () => {
    const secret = fakeTokens.slackUser();
    slack.addToken(secret, { user: 'grace', team: 'Acme' });
    const token = await rig.add({ secret, label: 'notifier', baseUrl: slack.url });

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(result.state).toBe('revoked');
    expect(result.message).toMatch(/token_revoked/);
  });

  it('a deactivated account (account_inactive) does not work now, but is not proof of a revocation: pending', async () => {
    const secret = fakeTokens.slackUser();
    slack.addToken(secret, { user: 'grace', team: 'Acme', inactive: true });
    const token = await rig.add({ secret, label: 'notifier', baseUrl: slack.url });

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(result.state).toBe('pending');
    expect(rig.keychain.entries.get(token.id)).toBe(secret);
  });
});
