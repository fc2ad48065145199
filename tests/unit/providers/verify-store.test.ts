import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyCalls } from '../../../electron/providers/verify-calls.js';
import { tokenCalls } from '../../../electron/vault/token-calls.js';
import type { MetadataStore } from '../../../electron/vault/metadata-store.js';
import { startGithubEmulator, type GithubEmulator } from '../../emulators/github.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { fastHttp, value, verifyHarness, type VerifyHarness } from './verify-harness.js';

let github: GithubEmulator;
let moved: GithubEmulator;
let t: VerifyHarness;

beforeAll(async () => {
  [github, moved] = await Promise.all([startGithubEmulator({ latencyMs: 150 }), startGithubEmulator()]);
});
afterAll(() => Promise.all([github.close(), moved.close()]));
afterEach(() => t.close());

const known = (login = 'octocat') => {
  const secret = fakeTokens.githubClassic();
  github.addToken(secret, { login, scopes: ['repo'] });
  moved.addToken(secret, { login, scopes: ['repo'] });
  return secret;
};

/** The store, counting its locked writes. */
function countingWrites(store: MetadataStore): MetadataStore & { writes: number } {
  const counting = {
    writes: 0,
    path: store.path,
    recovery: store.recovery,
    read: () => store.read(),
    update: <T>(change: Parameters<MetadataStore['update']>[0]) => {
      counting.writes += 1;
      return store.update(change) as Promise<T>;
    },
  };
  return counting as MetadataStore & { writes: number };
}

describe('verify and the metadata store', () => {
  it('after its base URL is edited, verify asks the new host', async () => {
    t = verifyHarness();
    const added = await t.add({ label: 'moving', secret: known(), baseUrl: github.url });
    await t.check(added.id);
    value(await t.vault.editToken({ id: added.id, changes: { baseUrl: moved.url } }));
    const before = github.requests.length;

    await t.check(added.id);

    expect(github.requests.length).toBe(before);
    expect(moved.requests.at(-1)?.path).toBe('/user');
  });

  it('many verifications at once are recorded in a few writes, each with its own facts', async () => {
    t = verifyHarness();
    const logins = Array.from({ length: 12 }, (_, i) => `user-${i}`);
    const tokens = [];
    for (const login of logins) tokens.push(await t.add({ label: login, secret: known(login), baseUrl: github.url }));
    const store = countingWrites(t.store);
    const parts = { keychain: t.keychain, store, now: Date.now };
    const verify = verifyCalls(parts, { http: fastHttp });

    const results = await Promise.all(tokens.map((token) => verify.verifyToken({ id: token.id })));

    expect(results.map((r) => value(r).token.account)).toEqual(logins);
    expect(Object.values((await t.store.read()).tokens).map((r) => [r.label, r.account])).toEqual(
      logins.map((l) => [l, l]),
    );
    // Coalesced: far fewer writes than verifications (the exact count depends on how answers spread in time).
    expect(store.writes).toBeLessThanOrEqual(logins.length / 2);
  });

  it('a token deleted while its provider is being asked is not brought back', async () => {
    t = verifyHarness();
    const added = await t.add({ label: 'short-lived', secret: known(), baseUrl: github.url });

    const verifying = t.verify.verifyToken({ id: added.id });
    await new Promise((resolve) => setTimeout(resolve, 50));
    value(await t.vault.deleteToken({ id: added.id }));
    const result = await verifying;

    expect(result.ok ? 'ok' : result.error.code).toBe('not-found');
    expect((await t.store.read()).tokens[added.id]).toBeUndefined();
  });

  it('an edit made while its provider is being asked is kept beside what verify learned', async () => {
    t = verifyHarness();
    const added = await t.add({ label: 'old label', secret: known(), baseUrl: github.url });
    const vault = tokenCalls({ keychain: t.keychain, store: t.store, now: Date.now });

    const verifying = t.check(added.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value(await vault.editToken({ id: added.id, changes: { label: 'new label' } }));
    const result = await verifying;

    expect(result.token).toMatchObject({ label: 'new label', account: 'octocat' });
    expect((await t.store.read()).tokens[added.id]).toMatchObject({ label: 'new label', account: 'octocat' });
  });
});
