import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNpmEmulator } from '../../emulators/npm.js';
import { fakeTokens, randomAlnum } from '../../helpers/fake-tokens.js';
import { verifyHarness, type VerifyHarness } from './verify-harness.js';
import { useEmulator } from '../../helpers/lifetimes.js';

const npm = useEmulator(() => startNpmEmulator({ perPage: 2, maxPerPage: 2 }));
let t: VerifyHarness;
let user: string;

beforeEach(() => {
  t = verifyHarness();
  // One npm user per test, so token lists do not mix.
  user = `fake-${randomAlnum(8).toLowerCase()}`;
});
afterEach(() => t.close());

/** An npm token whose first six characters (all the list shows) are `npm_` + `visible`. */
const npmTokenShowing = (visible: string) => `npm_${visible}FAKE${randomAlnum(30)}`;

const npmToken = (secret: string, scopes: string[] = []) =>
  t.add({ label: 'publish from CI', secret, baseUrl: npm.url, scopes });

describe('npm: verifying a token', () => {
  it("a valid token records its owner and what npm's token list says of it", async () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, {
      username: user,
      readonly: true,
      created: '2026-02-03T04:05:06.000Z',
      cidr: ['127.0.0.0/8'],
    });
    const added = await npmToken(secret);

    const result = await t.check(added.id);

    expect(result.outcome).toBe('valid');
    expect(result.token.account).toBe(user);
    expect(result.learned).toEqual([`account ${user}`]);
    expect(result.token.verification?.notes).toContain(
      'npm lists it as read-only, created 2026-02-03, usable only from 127.0.0.0/8.',
    );
    expect(result.token.grantedScopes).toBeNull();
  });

  it('finds it on a later page of the token list', async () => {
    const secrets = ['A1', 'B2', 'C3', 'D4', 'E5'].map(npmTokenShowing);
    secrets.forEach((s, i) => npm.addToken(s, { username: user, readonly: i !== 4 }));
    const added = await npmToken(secrets[4] as string);

    const result = await t.check(added.id);

    expect(result.token.verification?.notes.join(' ')).toMatch(/npm lists it as read and publish/);
    expect(npm.requests.filter((r) => r.path === '/-/npm/v1/tokens').length).toBeGreaterThanOrEqual(3);
  });

  it('finds it by its sha512 key, exactly: tokens that show the same first characters are told apart', async () => {
    const [first, second] = [npmTokenShowing('Q7'), npmTokenShowing('Q7')];
    npm.addToken(first, { username: user, readonly: true });
    npm.addToken(second, { username: user, readonly: false });
    const added = await npmToken(second);

    expect((await t.check(added.id)).token.verification?.notes.join(' ')).toMatch(/npm lists it as read and publish/);
  });

  it('a token whose CIDR allow-list excludes this machine (401, www-authenticate: ipaddress) cannot be judged from here: never disconnected', async () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, { username: user, cidr: ['192.0.2.0/24'] });
    const added = await npmToken(secret);

    const result = await t.check(added.id);

    expect(result.outcome).toBe('unreachable');
    expect(result.message).toMatch(/IP address/);
    expect(result.token.status).not.toBe('disconnected');
  });

  it('a token that may not read the token list is still verified, with a note', async () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, { username: user, mayListTokens: false });
    const added = await npmToken(secret);

    const result = await t.check(added.id);

    expect(result.outcome).toBe('valid');
    expect(result.token.verification?.notes.join(' ')).toMatch(
      /npm does not let this token read the token list \(HTTP 403\)/,
    );
  });

  it('a revoked token is disconnected', async () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, { username: user, revoked: true });
    const added = await npmToken(secret);

    const result = await t.check(added.id);

    expect(result.token.verification).toMatchObject({ outcome: 'rejected', reason: 'invalid' });
    expect(result.token.status).toBe('disconnected');
  });

  it('a token that now belongs to another user is disconnected', async () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, { username: user });
    const added = await npmToken(secret);
    await t.check(added.id);
    npm.updateToken(secret, { username: 'mallory' });

    expect((await t.check(added.id)).message).toMatch(new RegExp(`now belongs to mallory, not ${user}`));
  });

  it('npm reports no scopes, so declared scopes are neither widened nor narrowed by a verify', async () => {
    const secret = fakeTokens.npm();
    npm.addToken(secret, { username: user });
    const added = await npmToken(secret, ['publish']);

    const result = await t.check(added.id);

    expect(result.token.grantedScopes).toBeNull();
    expect(result.token.findings.map((f) => f.code)).not.toContain('out-of-scope');
    expect(result.learned.join(' ')).not.toMatch(/Lacks/);
  });
});
