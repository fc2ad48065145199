import { describe, expect, it } from 'vitest';
import { startSlackEmulator } from '../../emulators/slack.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { value } from '../providers/verify-harness.js';
import { lifecycleRig } from './lifecycle-rig.js';
import { freshEachTest, useEmulator } from '../../helpers/lifetimes.js';

// Slack's auth.revoke and auth.test as its method docs give them: invalid_auth is also an IP
// restriction, so it proves nothing; only token_revoked and token_expired prove a token dead.

const slack = useEmulator(startSlackEmulator);
const rig = freshEachTest(lifecycleRig);

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

  it('where no answer from here can show it dead, the person may settle it after a fresh check; never while Slack still accepts it', async () => {
    const secret = fakeTokens.slackUser();
    slack.addToken(secret, { user: 'grace', team: 'Acme', allowedIps: ['203.0.113.7'] });
    const token = await rig.add({ secret, label: 'notifier', baseUrl: slack.url });
    const pending = value(await rig.api.revokeToken({ id: token.id }));
    expect(pending.message).toContain(`lapse revoke ${token.id} --by-hand`);

    const settled = value(await rig.api.confirmRevocation({ id: token.id, byHand: true }));

    expect(settled.state).toBe('revoked');
    expect(settled.message).toMatch(
      /^Recorded: you revoked it \(your word; its provider's last answer could not show it dead: .*invalid_auth/,
    );
    expect(rig.keychain.entries.has(token.id)).toBe(false);
    expect(rig.auditText()).toMatch(/confirmed by the person, not verified/);

    // A token Slack accepts: the person's word does not make it revoked.
    const live = fakeTokens.slackUser();
    slack.addToken(live, { user: 'grace', team: 'Acme' });
    const other = await rig.add({ secret: live, label: 'other', baseUrl: slack.url });
    const refused = await rig.api.confirmRevocation({ id: other.id, byHand: true });
    expect(refused.ok ? '' : refused.error.message).toMatch(
      /^Its provider still accepts it \(.*\), so it is not revoked\. /,
    );
    expect(rig.keychain.entries.get(other.id)).toBe(live);
  });
});
