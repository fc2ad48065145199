import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNpmEmulator } from '../../emulators/npm.js';
import { lapseInOwnVault } from '../../helpers/cli-vault.js';
import { fakeTokens, randomAlnum } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { value } from '../providers/verify-harness.js';
import { lifecycleRig, type LifecycleRig } from './lifecycle-rig.js';
import { useEmulator } from '../../helpers/lifetimes.js';

// npm as its registry documents it: a delete under two-factor auth-and-writes needs a one-time
// code, a deleted token keeps working for up to an hour (so the token list, not whoami, confirms
// it), an IP-restricted token's 401 is no verdict, and a read-only token cannot delete itself.

announceKeychainSkip();

const npm = useEmulator(startNpmEmulator);
let rig: LifecycleRig;
let user: string;

beforeEach(() => {
  rig = lifecycleRig();
  user = `fake-${randomAlnum(8).toLowerCase()}`;
});
afterEach(() => rig.close());

const add = (secret: string) => rig.add({ secret, label: 'publish', baseUrl: npm.url });

describe('npm: a deleted token stays valid for up to an hour', () => {
  it('the token list confirms the delete while whoami still accepts it: revoked, secret out of the keychain, the hour said', async () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, { username: user });
    const token = await add(secret);

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(result.state).toBe('revoked');
    expect(result.message).toMatch(/no longer lists it.*up to an hour/);
    // The registry's cache still takes it: a whoami-based check would have called it live.
    expect(npm.accepts(secret)).toBe(true);
    expect(npm.deleted(secret)).toBe(true);
    expect(rig.keychain.entries.has(token.id)).toBe(false);
  });

  it('a token npm never listed (a session token) is not confirmed by its absence: pending while it works', async () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, { username: user, listed: false });
    const token = await add(secret);

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(result).toMatchObject({ state: 'pending', method: 'manual' });
    expect(result.message).toMatch(/never is/);
    expect(rig.keychain.entries.get(token.id)).toBe(secret);
  });
});

describe('npm: two-factor auth-and-writes', () => {
  it('asks for the one-time code instead of calling the delete refused; a wrong code asks again; the right one deletes it', async () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, { username: user });
    npm.setTwoFactor(user, 'auth-and-writes', '424242');
    const token = await add(secret);

    const asked = value(await rig.api.revokeToken({ id: token.id }));
    expect(asked).toMatchObject({ state: 'pending', needsOtp: true, method: 'api' });
    expect(asked.message).toMatch(/one-time code/);
    expect(npm.deleted(secret)).toBe(false);

    const wrong = value(await rig.api.revokeToken({ id: token.id, otp: '000000' }));
    expect(wrong).toMatchObject({ state: 'pending', needsOtp: true });
    expect(wrong.message).toMatch(/did not accept that one-time code/);
    expect(npm.deleted(secret)).toBe(false);

    const done = value(await rig.api.revokeToken({ id: token.id, otp: '424242' }));
    expect(done.state).toBe('revoked');
    expect(npm.deleted(secret)).toBe(true);
    // The code went in the npm-otp header of the delete, nowhere else.
    expect(rig.auditText()).not.toContain('424242');
  });
});

describe('npm: answers that are not verdicts', () => {
  it('an IP-restricted token (401 www-authenticate: ipaddress) is never taken as dead: pending, secret kept, not deleted', async () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, { username: user, cidr: ['198.51.100.0/24'] });
    const token = await add(secret);

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(result.state).toBe('pending');
    expect(result.message).toMatch(/IP address/);
    expect(result.token.revokedAt).toBeNull();
    expect(rig.keychain.entries.get(token.id)).toBe(secret);
    expect(npm.deleted(secret)).toBe(false);
  });

  it('a read-only token cannot delete itself: pending and manual, with where to delete it', async () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, { username: user, readonly: true });
    const token = await add(secret);
    const deletesBefore = npm.requests.filter((r) => r.method === 'DELETE').length;

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(result).toMatchObject({ state: 'pending', method: 'manual' });
    expect(result.message).toMatch(/read-only npm token cannot delete itself/);
    expect(npm.deleted(secret)).toBe(false);
    expect(npm.requests.filter((r) => r.method === 'DELETE').length).toBe(deletesBefore);
  });
});

describe.runIf(inKeychainSession)('lapse revoke and a one-time code', () => {
  const lapse = lapseInOwnVault('lapse-npm-otp');

  it('not at a terminal it says how to give the code (exit 1, nothing deleted); with --otp it deletes and confirms', async () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, { username: user });
    npm.setTwoFactor(user, 'auth-and-writes', '314159');
    const added = await lapse(['add', '--label', 'publish', '--base-url', npm.url], `${secret}\n`);
    const id = added.stdout.trim().split(/\s+/)[0] ?? '';

    const asked = await lapse(['revoke', id]);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toContain(`lapse revoke ${id} --otp CODE`);
    expect(npm.deleted(secret)).toBe(false);

    const done = await lapse(['revoke', id, '--otp', '314159']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/REVOKED \(confirmed dead\)/);
    expect(npm.deleted(secret)).toBe(true);
  });
});
