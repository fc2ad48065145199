import { describe, expect, it } from 'vitest';
import { startGitlabEmulator } from '../../emulators/gitlab.js';
import { lapseInOwnVault } from '../../helpers/cli-vault.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { value } from '../providers/verify-harness.js';
import { lifecycleRig } from './lifecycle-rig.js';
import { freshEachTest, useEmulator } from '../../helpers/lifetimes.js';

// GitLab's self-rotate gives the new token one week when the instance requires an expiry (GitLab.com
// does) and no `expires_at` is sent: Lapse always sends one, and says which before it rotates.

announceKeychainSkip();

const dayMs = 86_400_000;
const dayIn = (days: number) => new Date(Date.now() + days * dayMs).toISOString().slice(0, 10);

const gitlab = useEmulator(() => startGitlabEmulator({ expiryRequired: true }));
const rig = freshEachTest(lifecycleRig);

async function gitlabToken(expiresInDays: number | null) {
  const secret = fakeTokens.gitlabRoutable();
  gitlab.addToken(secret, {
    username: 'grace',
    scopes: ['api'],
    expiresAt: expiresInDays === null ? null : dayIn(expiresInDays),
  });
  const token = await rig.add({
    secret,
    label: 'deploy',
    baseUrl: gitlab.url,
    scopes: ['api'],
    expiresAt: expiresInDays === null ? null : `${dayIn(expiresInDays)}T00:00:00.000Z`,
  });
  return { secret, token };
}

describe('GitLab self-rotate always asks for an expiry', () => {
  it("keeps the old token's lifetime (30 days), says so before, and GitLab gets expires_at (not its one-week default)", async () => {
    const { token } = await gitlabToken(30);

    const plan = value(await rig.api.planRotation({ id: token.id }));
    expect(plan).toMatchObject({
      kind: 'automatic',
      method: 'GitLab self-rotate',
      expiresAt: dayIn(30),
      takesExpiry: true,
    });
    expect(plan.expiryNote).toMatch(/old token's lifetime: 30 days/);
    expect(plan.expiryNote).toMatch(/one week/);

    const result = value(await rig.api.rotateToken({ id: token.id }));

    expect(result.state).toBe('finished');
    const current = rig.keychain.entries.get(token.id) ?? '';
    expect(gitlab.tokenState(current)?.expiresAt).toBe(dayIn(30));
    expect(result.token.expiresAt).toBe(`${dayIn(30)}T00:00:00.000Z`);
  });

  it("caps a longer lifetime at the policy's longest allowed one", async () => {
    await rig.store.update((vault) => void (vault.policy = { ...vault.policy, maxLifetimeDays: 20 }));
    const { token } = await gitlabToken(200);

    const plan = value(await rig.api.planRotation({ id: token.id }));

    expect(plan.expiresAt).toBe(dayIn(20));
    expect(plan.expiryNote).toMatch(/200 days, capped at the policy's longest allowed lifetime of 20 days/);
    value(await rig.api.rotateToken({ id: token.id }));
    expect(gitlab.tokenState(rig.keychain.entries.get(token.id) ?? '')?.expiresAt).toBe(dayIn(20));
  });

  it("gives a token that never expired the policy's longest allowed lifetime", async () => {
    const { token } = await gitlabToken(null);

    const plan = value(await rig.api.planRotation({ id: token.id }));

    expect(plan.expiresAt).toBe(dayIn(90));
    expect(plan.expiryNote).toMatch(/never expires/);
  });

  it('a date the person chose is sent as is', async () => {
    const { token } = await gitlabToken(30);

    value(await rig.api.rotateToken({ id: token.id, expiresAt: dayIn(10) }));

    expect(gitlab.tokenState(rig.keychain.entries.get(token.id) ?? '')?.expiresAt).toBe(dayIn(10));
  });
});

describe.runIf(inKeychainSession)('lapse rotate shows the plan before it rotates', () => {
  const lapse = lapseInOwnVault('lapse-rotate-cli');

  it('without --yes (not at a terminal) it prints the new expiry and changes nothing; with --yes it rotates to that date', async () => {
    const secret = fakeTokens.gitlabRoutable();
    gitlab.addToken(secret, { username: 'grace', scopes: ['api'], expiresAt: dayIn(30) });
    const added = await lapse(
      ['add', '--label', 'deploy', '--base-url', gitlab.url, '--expires', dayIn(30)],
      `${secret}\n`,
    );
    expect(added.code, added.stderr).toBe(0);
    const id = added.stdout.trim().split(/\s+/)[0] ?? '';

    const asked = await lapse(['rotate', id]);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain(`new expiry: ${dayIn(30)}`);
    expect(asked.stderr).toMatch(/pass --yes/);
    expect(gitlab.tokenState(secret)?.revoked).toBeFalsy();

    const rotated = await lapse(['rotate', id, '--yes']);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stderr).toContain(`new expiry: ${dayIn(30)}`);
    expect(gitlab.tokenState(secret)?.revoked).toBe(true);
    const live = gitlab.liveTokens().filter((s) => gitlab.tokenState(s)?.username === 'grace' && s !== secret);
    expect(live.map((s) => gitlab.tokenState(s)?.expiresAt)).toContain(dayIn(30));
  });
});
