// How every face builds the service: partsFromEnv() and openLapse() (docs/ARCHITECTURE.md, 'The
// picture: one contract, one service, three transports, three faces').
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLapse, partsFromEnv } from '../../../electron/open-lapse.js';
import { keychainServiceName } from '../../../electron/vault/keychain-service.js';
import { osKeychain } from '../../../electron/vault/keychain.js';
import { canarySecret, randomId, testServiceName } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession, keychainAttributes } from '../../helpers/keychain-session.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

let home: string;
beforeAll(() => {
  home = makeTempDir('lapse-open');
});
afterAll(() => removeTempDir(home));

describe('the keychain service a face opens', () => {
  it('is LAPSE_KEYCHAIN_SERVICE where it is set and not empty; unset or empty, the default "lapse"', () => {
    expect(keychainServiceName({ LAPSE_KEYCHAIN_SERVICE: 'lapse-work' })).toBe('lapse-work');
    expect(keychainServiceName({})).toBe('lapse');
    // Set but empty: the app once read it with `??` (an empty service) and the CLI with `||` ("lapse").
    expect(keychainServiceName({ LAPSE_KEYCHAIN_SERVICE: '' })).toBe('lapse');
  });
});

announceKeychainSkip();

describe.skipIf(!inKeychainSession)('partsFromEnv over the real keychain', () => {
  it('with LAPSE_KEYCHAIN_SERVICE empty, a secret lands under the service "lapse", as the CLI and the app both find it', async () => {
    const account = `lapse-test-${randomId()}`;
    const secret = canarySecret();
    const parts = partsFromEnv({ ...process.env, LAPSE_KEYCHAIN_SERVICE: '' }, { home });
    try {
      await parts.keychain.set(account, secret);
      expect(await osKeychain('lapse').get(account)).toBe(secret);
      expect((await keychainAttributes('lapse')).usernames).toContain(account);
    } finally {
      await osKeychain('lapse').delete(account);
    }
  });

  it('with a name, the secret lands under that name and nowhere else', async () => {
    const service = testServiceName();
    const account = `lapse-test-${randomId()}`;
    const parts = partsFromEnv({ ...process.env, LAPSE_KEYCHAIN_SERVICE: service }, { home });
    try {
      await parts.keychain.set(account, canarySecret());
      expect((await keychainAttributes(service)).usernames).toEqual([account]);
      expect((await keychainAttributes('lapse')).usernames).not.toContain(account);
    } finally {
      await parts.keychain.delete(account);
    }
  });
});

describe('openLapse', () => {
  it('judges on the clock the face gives (the CLI: --now), over the folder it names', async () => {
    const parts = partsFromEnv(
      { ...process.env, LAPSE_KEYCHAIN_SERVICE: testServiceName() },
      { home, now: () => Date.parse('2026-06-01T00:00:00Z') },
    );
    const listed = await openLapse(parts).listTokens({});
    expect(listed).toEqual({ ok: true, value: { tokens: [], evaluatedAt: '2026-06-01T00:00:00.000Z' } });
    expect(parts.store.path.startsWith(home)).toBe(true);
  });
});
