import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InventoryApi } from '../../../shared/api.js';
import { inventoryCalls } from '../../../electron/inventory/inventory-calls.js';
import { startGitlabEmulator, type GitlabEmulator } from '../../emulators/gitlab.js';
import { startNpmEmulator, type NpmEmulator } from '../../emulators/npm.js';
import { lapseInOwnVault } from '../../helpers/cli-vault.js';
import { fakeTokens, randomAlnum } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { lifecycleRig, type LifecycleRig } from '../lifecycle/lifecycle-rig.js';
import { fastHttp, value } from '../providers/verify-harness.js';

// The account's own inventory: what GitLab's GET /personal_access_tokens and npm's token list show
// beyond the tokens Lapse holds, read with one of Lapse's tokens without spending the others.

announceKeychainSkip();

const dayMs = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * dayMs).toISOString();

let gitlab: GitlabEmulator;
let npm: NpmEmulator;
let rig: LifecycleRig;
let inventory: InventoryApi;

beforeAll(async () => {
  [gitlab, npm] = await Promise.all([startGitlabEmulator(), startNpmEmulator()]);
});
afterAll(() => Promise.all([gitlab.close(), npm.close()]));
beforeEach(() => {
  rig = lifecycleRig();
  inventory = inventoryCalls({ keychain: rig.keychain, store: rig.store, now: Date.now }, { http: fastHttp }, rig.api);
});
afterEach(() => rig.close());

/** alice's GitLab account: the token Lapse holds (api), and others Lapse does not. */
async function alicesGitlab(
  username = `alice-${randomAlnum(5).toLowerCase()}`,
  userId = Math.floor(Math.random() * 1e6),
) {
  const held = fakeTokens.gitlabRoutable();
  gitlab.addToken(held, {
    username,
    userId,
    name: 'lapse-ci',
    scopes: ['api'],
    lastUsedAt: ago(1),
    createdAt: ago(40),
  });
  const others = {
    oldDeploy: fakeTokens.gitlabLegacy(),
    forgotten: fakeTokens.gitlabLegacy(),
    neverUsed: fakeTokens.gitlabLegacy(),
    busy: fakeTokens.gitlabLegacy(),
    revoked: fakeTokens.gitlabLegacy(),
  };
  gitlab.addToken(others.oldDeploy, {
    username,
    userId,
    name: 'old-deploy',
    scopes: ['read_repository'],
    lastUsedAt: ago(200),
    createdAt: ago(400),
  });
  gitlab.addToken(others.forgotten, {
    username,
    userId,
    name: 'laptop',
    scopes: ['api'],
    lastUsedAt: ago(95),
    createdAt: ago(300),
  });
  gitlab.addToken(others.neverUsed, {
    username,
    userId,
    name: 'experiment',
    scopes: ['read_api'],
    lastUsedAt: null,
    createdAt: ago(120),
  });
  gitlab.addToken(others.busy, {
    username,
    userId,
    name: 'renovate',
    scopes: ['api'],
    lastUsedAt: ago(0.5),
    createdAt: ago(60),
  });
  gitlab.addToken(others.revoked, {
    username,
    userId,
    name: 'gone',
    scopes: ['api'],
    revoked: true,
    createdAt: ago(500),
  });
  // Someone else's token on the same instance never shows.
  gitlab.addToken(fakeTokens.gitlabLegacy(), {
    username: 'mallory',
    userId: userId + 1,
    name: 'not-alice',
    scopes: ['api'],
  });
  const token = await rig.add({ secret: held, label: 'CI deploys', baseUrl: gitlab.url });
  value(await rig.api.verifyToken({ id: token.id }));
  return { username, userId, held, others, token };
}

describe("GitLab: the account's personal access tokens", () => {
  it('lists the ones not in Lapse with their staleness, in one sentence, using only the token Lapse holds', async () => {
    const { username, others, token } = await alicesGitlab();
    const lastUses = Object.fromEntries(Object.entries(others).map(([k, s]) => [k, gitlab.tokenState(s)?.lastUsedAt]));

    const { accounts } = value(await inventory.listInventory({ provider: 'gitlab' }));

    expect(accounts).toHaveLength(1);
    const [alice] = accounts;
    expect(alice?.account).toBe(username);
    expect(alice?.listedWith).toEqual({ id: token.id, label: 'CI deploys' });
    expect(alice?.summary).toMatchObject({ total: 6, inLapse: 1, notInLapse: 4, stale: 3 });
    expect(alice?.summary.sentence).toBe(
      `4 more GitLab tokens on ${username}'s account; 3 unused for 30 days or more.`,
    );
    const byName = Object.fromEntries((alice?.entries ?? []).map((e) => [e.name, e]));
    expect(byName['lapse-ci']?.inLapse).toEqual({ id: token.id, label: 'CI deploys' });
    expect(byName['old-deploy']?.stale).toMatch(/^unused for 20\d days$/);
    expect(byName['experiment']?.stale).toMatch(/^never used, created 1[12]\d days ago$/);
    expect(byName['renovate']?.stale).toBeNull();
    expect(byName['gone']?.state).toBe('revoked');
    expect(alice?.entries.map((e) => e.name)).not.toContain('not-alice');
    // Reading the list spent none of the others: GitLab's record of their use is as it was.
    expect(Object.fromEntries(Object.entries(others).map(([k, s]) => [k, gitlab.tokenState(s)?.lastUsedAt]))).toEqual(
      lastUses,
    );
  });

  it("takes a Lapse token's real last use from the list, and not Lapse's own earlier check of it", async () => {
    const { username, userId } = await alicesGitlab();
    const second = fakeTokens.gitlabLegacy();
    gitlab.addToken(second, { username, userId, name: 'docs-bot', scopes: ['read_api'], lastUsedAt: ago(12) });
    const token = await rig.add({ secret: second, label: 'docs bot', baseUrl: gitlab.url });
    value(await rig.api.verifyToken({ id: token.id }));
    const checked = gitlab.tokenState(second)?.lastUsedAt;
    const before = value(await rig.api.getToken({ id: token.id })).lastUsedAt;
    expect(checked && Date.now() - Date.parse(checked)).toBeLessThan(60_000);

    // GitLab now lists Lapse's check as docs-bot's last use; the list is read with the api token.
    value(await inventory.listInventory({ provider: 'gitlab', account: username }));
    expect(value(await rig.api.getToken({ id: token.id })).lastUsedAt).toBe(before);
    expect(before).not.toBe(checked);

    // A real use since: the list shows it, and the record takes it.
    const used = new Date(Date.now() - 3_600_000).toISOString();
    gitlab.updateToken(second, { lastUsedAt: used });
    value(await inventory.listInventory({ provider: 'gitlab', account: username }));
    expect(value(await rig.api.getToken({ id: token.id })).lastUsedAt).toBe(used);
  });

  it('revokes one not in Lapse with the api-scoped token, confirmed by GitLab listing it revoked; refuses one Lapse holds', async () => {
    const { username, others, token } = await alicesGitlab();
    const [alice] = value(await inventory.listInventory({ provider: 'gitlab', account: username })).accounts;
    const target = alice?.entries.find((e) => e.name === 'laptop');

    const result = value(await inventory.revokeInventoryToken({ group: alice?.group ?? '', ref: target?.ref ?? '' }));

    expect(result).toMatchObject({ state: 'revoked', needsOtp: false });
    expect(result.message).toMatch(/^Revoked: GitLab now lists "laptop" .* as revoked\.$/);
    expect(gitlab.tokenState(others.forgotten)?.revoked).toBe(true);
    expect(rig.auditText()).toMatch(
      /"event":"revoked".*A GitLab token of .*'s account that Lapse does not hold, \\"laptop\\"/,
    );
    const own = alice?.entries.find((e) => e.inLapse);
    const refused = await inventory.revokeInventoryToken({ group: alice?.group ?? '', ref: own?.ref ?? '' });
    expect(refused.ok ? '' : refused.error.message).toMatch(
      /^That is "CI deploys", which Lapse holds: revoke it from its own entry/,
    );
    expect(value(await rig.api.getToken({ id: token.id })).revokedAt).toBeNull();
  });

  it('a token that may only read (read_api) lists, but revoking needs the api scope: pending, nothing revoked', async () => {
    const username = `reader-${randomAlnum(5).toLowerCase()}`;
    const reader = fakeTokens.gitlabLegacy();
    const other = fakeTokens.gitlabLegacy();
    gitlab.addToken(reader, { username, userId: 777_001, scopes: ['read_api'] });
    gitlab.addToken(other, { username, userId: 777_001, name: 'old', scopes: ['api'], lastUsedAt: ago(300) });
    await rig.add({ secret: reader, label: 'reader', baseUrl: gitlab.url });
    const [account] = value(await inventory.listInventory({ provider: 'gitlab' })).accounts.filter((a) =>
      a.entries.some((e) => e.name === 'old'),
    );

    const result = value(
      await inventory.revokeInventoryToken({
        group: account?.group ?? '',
        ref: account?.entries.find((e) => e.name === 'old')?.ref ?? '',
      }),
    );

    expect(result.state).toBe('pending');
    expect(result.message).toMatch(/needs the api scope/);
    expect(gitlab.tokenState(other)?.revoked).toBeFalsy();
  });
});

describe("npm: the user's token list", () => {
  it('shows the tokens not in Lapse (read-only, CIDR, age); npm reports no use, so staleness is by age', async () => {
    const user = `pub-${randomAlnum(6).toLowerCase()}`;
    const held = fakeTokens.npm();
    npm.addToken(held, { username: user, created: ago(10) });
    npm.addToken(fakeTokens.npm(), { username: user, readonly: true, created: ago(400), cidr: ['192.0.2.0/24'] });
    npm.addToken(fakeTokens.npm(), { username: user, created: ago(20) });
    const token = await rig.add({ secret: held, label: 'publish', baseUrl: npm.url });
    value(await rig.api.verifyToken({ id: token.id }));

    const [account] = value(await inventory.listInventory({ provider: 'npm' })).accounts.filter(
      (a) => a.account === user,
    );

    expect(account?.summary).toMatchObject({ total: 3, inLapse: 1, notInLapse: 2, stale: 1 });
    expect(account?.summary.sentence).toBe(`2 more npm tokens on ${user}'s account; 1 older than 90 days.`);
    const old = account?.entries.find((e) => e.readOnly);
    expect(old).toMatchObject({ lastUseReported: false, cidr: ['192.0.2.0/24'], inLapse: null });
    expect(old?.stale).toMatch(/^created 400 days ago, past the policy's longest allowed lifetime of 90 days$/);
  });

  it('revoking one under two-factor auth asks for the code, then the list confirms the delete', async () => {
    const user = `pub-${randomAlnum(6).toLowerCase()}`;
    const held = fakeTokens.npm();
    const stray = fakeTokens.npm();
    npm.addToken(held, { username: user });
    npm.addToken(stray, { username: user, created: ago(200) });
    npm.setTwoFactor(user, 'auth-and-writes', '161803');
    const token = await rig.add({ secret: held, label: 'publish', baseUrl: npm.url });
    value(await rig.api.verifyToken({ id: token.id }));
    const [account] = value(await inventory.listInventory({ provider: 'npm' })).accounts.filter(
      (a) => a.account === user,
    );
    const ref = account?.entries.find((e) => !e.inLapse)?.ref.slice(0, 12) ?? '';

    const asked = value(await inventory.revokeInventoryToken({ group: account?.group ?? '', ref }));
    expect(asked).toMatchObject({ state: 'pending', needsOtp: true });
    expect(npm.deleted(stray)).toBe(false);

    const done = value(await inventory.revokeInventoryToken({ group: account?.group ?? '', ref, otp: '161803' }));
    expect(done.state).toBe('revoked');
    expect(done.message).toMatch(/no longer lists .*up to an hour/);
    expect(npm.deleted(stray)).toBe(true);
    expect(npm.deleted(held)).toBe(false);
  });
});

describe.runIf(inKeychainSession)('lapse inventory', () => {
  const lapse = lapseInOwnVault('lapse-inventory-cli');

  it('prints each account with its sentence and rows, and revokes one by its ref', async () => {
    const username = `cli-${randomAlnum(5).toLowerCase()}`;
    const held = fakeTokens.gitlabRoutable();
    const stray = fakeTokens.gitlabLegacy();
    gitlab.addToken(held, { username, userId: 880_001, name: 'ci', scopes: ['api'] });
    gitlab.addToken(stray, { username, userId: 880_001, name: 'stray-laptop', scopes: ['api'], lastUsedAt: ago(180) });
    const added = await lapse(['add', '--label', 'ci', '--base-url', gitlab.url], `${held}\n`);
    const id = added.stdout.trim().split(/\s+/)[0] ?? '';
    expect((await lapse(['verify', id])).code).toBe(0);

    const listed = await lapse(['inventory']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`1 more GitLab token on ${username}'s account; 1 unused for 30 days or more.`);
    expect(listed.stdout).toMatch(/stray-laptop\s+ACTIVE\s+\S+\s+\d{4}-\d\d-\d\d\s+never\s+unused for 180 days/);
    const ref = String(gitlab.tokenState(stray)?.id);

    const revoked = await lapse(['inventory', 'revoke', ref, '--provider', 'gitlab', '--yes']);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(/^REVOKED: Revoked: GitLab now lists "stray-laptop"/);
    expect(gitlab.tokenState(stray)?.revoked).toBe(true);
  });
});
