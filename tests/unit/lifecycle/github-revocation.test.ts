import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { githubProvider } from '../../../electron/providers/github/adapter.js';
import { revocationCalls } from '../../../electron/lifecycle/revocation-calls.js';
import { verifyCalls } from '../../../electron/providers/verify-calls.js';
import { tokenCalls } from '../../../electron/vault/token-calls.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { startGithubEmulator, type GithubEmulator, type GithubEmulatorOptions } from '../../emulators/github.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { memoryKeychain } from '../../helpers/memory-keychain.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { fastHttp, value } from '../providers/verify-harness.js';

// GitHub's /credentials/revoke as its docs give it: unauthenticated, up to 1,000 tokens a request,
// 60 requests an hour from one address, 202 with no word on when the revocation takes effect.

let github: GithubEmulator | null = null;
let home: string | null = null;
afterEach(async () => {
  await github?.close();
  if (home) removeTempDir(home);
  github = null;
  home = null;
});

/** A vault and its service calls; `batchMax` shrinks GitHub's 1,000 so a test need not make a thousand tokens. */
async function rig(options: GithubEmulatorOptions = {}, batchMax?: number) {
  github = await startGithubEmulator(options);
  home = makeTempDir('lapse-github-revoke');
  const parts = { keychain: memoryKeychain(), store: openMetadataStore(home), now: Date.now };
  const batch = githubProvider.revokeBatch;
  const adapters = {
    github: batchMax && batch ? { ...githubProvider, revokeBatch: { ...batch, max: batchMax } } : githubProvider,
  };
  const providers = { http: fastHttp, adapters };
  const verify = verifyCalls(parts, providers);
  const api = { ...tokenCalls(parts), ...verify, ...revocationCalls(parts, providers, verify) };
  const emulator = github;
  const add = async (n: number, tag = 'offboard') => {
    const ids: { id: string; secret: string }[] = [];
    for (let i = 0; i < n; i++) {
      const secret = fakeTokens.githubClassic();
      emulator.addToken(secret, { login: `user-${i % 3}`, scopes: ['repo'] });
      ids.push({
        id: value(await api.addToken({ secret, label: `ci ${i}`, baseUrl: emulator.url, tags: [tag] })).id,
        secret,
      });
    }
    return ids;
  };
  return { api, add, keychain: parts.keychain, emulator };
}

describe('GitHub revocations in batches', () => {
  it("an offboarding of 70 GitHub tokens is one /credentials/revoke request (not 70, which would pass GitHub's 60 an hour): all revoked", async () => {
    const { api, add, emulator } = await rig();
    const tokens = await add(70);

    const receipt = value(await api.offboard({ selector: { tag: 'offboard' } }));

    expect(emulator.revokeRequests).toEqual([70]);
    expect(receipt.summary).toMatchObject({ total: 70, revoked: 70, pending: 0, failed: 0 });
    expect(tokens.every(({ secret }) => emulator.tokenState(secret)?.revoked)).toBe(true);
  });

  it('more tokens than one request takes go in as few requests as the limit allows', async () => {
    const { api, add, emulator } = await rig({}, 5);
    const tokens = await add(12);

    const answer = value(await api.revokeTokens({ ids: tokens.map((t) => t.id) }));

    expect(emulator.revokeRequests).toEqual([5, 5, 2]);
    expect(answer.results.map((r) => r.result?.state)).toEqual(Array(12).fill('revoked'));
  });

  it("once this address's 60 an hour are spent, a revocation stays pending and is not retried; verifies (per user) go on", async () => {
    const { api, add, emulator, keychain } = await rig({ revokeRequestsPerHour: 1 });
    const [first, second, third] = await add(3);
    value(await api.revokeTokens({ ids: [first?.id ?? ''] }));
    const before = emulator.requests.filter((r) => r.path === '/credentials/revoke').length;

    const answer = value(await api.revokeTokens({ ids: [second?.id ?? '', third?.id ?? ''] }));

    expect(answer.results.map((r) => r.result?.state)).toEqual(['pending', 'pending']);
    expect(answer.results[0]?.result?.message).toMatch(/rate-limited Lapse; try again after/);
    // One request met the limit; nothing was sent again to spend what is left of the hour.
    expect(emulator.requests.filter((r) => r.path === '/credentials/revoke').length - before).toBe(1);
    expect(keychain.entries.get(second?.id ?? '')).toBe(second?.secret);
    // The unauthenticated budget is the address's, not the users': their tokens still verify.
    expect(value(await api.verifyToken({ id: third?.id ?? '' })).outcome).toBe('valid');
  });

  it('a server error on /credentials/revoke is not retried (each retry would spend the hourly budget): pending', async () => {
    const { api, add, emulator } = await rig();
    const tokens = await add(2);
    emulator.inject('POST /credentials/revoke', { kind: 'server-error', status: 502 }, { times: 5 });

    const answer = value(await api.revokeTokens({ ids: tokens.map((t) => t.id) }));

    expect(emulator.requests.filter((r) => r.path === '/credentials/revoke')).toHaveLength(1);
    expect(answer.results.map((r) => r.result?.state)).toEqual(['pending', 'pending']);
  });

  it('202 says nothing of when: a token GitHub still accepts right after stays pending, and a later check confirms it', async () => {
    const { api, add } = await rig({ revocationDelayMs: 400 });
    const [token] = await add(1);

    const result = value(await api.revokeToken({ id: token?.id ?? '' }));
    expect(result.state).toBe('pending');
    expect(result.message).toMatch(/still accepts it/);

    await delay(500);
    expect(value(await api.confirmRevocation({ id: token?.id ?? '' })).state).toBe('revoked');
  });
});
