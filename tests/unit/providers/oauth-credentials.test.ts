import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LapseApi } from '../../../shared/api.js';
import type { Result } from '../../../shared/result.js';
import { createLapseService } from '../../../electron/service.js';
import { checkedApi } from '../../../electron/transports/dispatch.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { canarySecret, fakeJwt, testServiceName, tracesIn } from '../../helpers/fake-tokens.js';
import { lapseInProcess } from '../../helpers/in-process-cli.js';
import {
  announceKeychainSkip,
  clearKeychainService,
  inKeychainSession,
  keychainAttributes,
} from '../../helpers/keychain-session.js';
import { memoryKeychain, type MemoryKeychain } from '../../helpers/memory-keychain.js';
import { envWithout } from '../../helpers/processes.js';
import { allFileText, makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

announceKeychainSkip();

let home: string;
let keychain: MemoryKeychain;
let service: LapseApi;

beforeEach(() => {
  home = makeTempDir('lapse-oauth');
  keychain = memoryKeychain();
  service = checkedApi(createLapseService({ keychain, store: openMetadataStore(home), now: Date.now }));
});
afterEach(() => removeTempDir(home));

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const addOAuthToken = async () =>
  value(
    await service.addToken({
      label: 'api access',
      secret: await fakeJwt({ scope: 'api:read' }),
      provider: 'oauth2',
      baseUrl: 'https://id.example',
    }),
  ).id;

describe("a token's OAuth client credentials and refresh token", () => {
  it('are stored in the keychain beside the token, never in the metadata file, and the state never holds them', async () => {
    const id = await addOAuthToken();
    const clientSecret = canarySecret();
    const refreshToken = canarySecret();
    const state = value(await service.setOAuthCredentials({ id, clientId: 'reports-app', clientSecret, refreshToken }));

    expect(state).toEqual({
      id,
      hasClient: true,
      clientId: 'reports-app',
      hasClientSecret: true,
      hasRefreshToken: true,
    });
    expect(keychain.entries.get(`${id}#client`)).toBe(`reports-app:${clientSecret}`);
    expect(keychain.entries.get(`${id}#refresh`)).toBe(refreshToken);
    expect(value(await service.getOAuthCredentialState({ id }))).toEqual(state);
    const onDisk = allFileText(home)
      .map((f) => f.text)
      .join('\n');
    expect([...tracesIn(onDisk, clientSecret), ...tracesIn(onDisk, refreshToken)]).toEqual([]);
  });

  it('a public client is stored by its id alone', async () => {
    const id = await addOAuthToken();
    expect(value(await service.setOAuthCredentials({ id, clientId: 'cli-app' }))).toMatchObject({
      hasClient: true,
      hasClientSecret: false,
    });
  });

  it('can be forgotten one at a time', async () => {
    const id = await addOAuthToken();
    await service.setOAuthCredentials({
      id,
      clientId: 'reports-app',
      clientSecret: canarySecret(),
      refreshToken: canarySecret(),
    });
    expect(value(await service.setOAuthCredentials({ id, forget: ['refresh'] }))).toMatchObject({
      hasClient: true,
      hasRefreshToken: false,
    });
    expect([...keychain.entries.keys()].sort()).toEqual([id, `${id}#client`]);
  });

  it('stay with the token in Recently deleted (restorable), and go with it when it is deleted for good', async () => {
    const id = await addOAuthToken();
    await service.setOAuthCredentials({
      id,
      clientId: 'reports-app',
      clientSecret: canarySecret(),
      refreshToken: canarySecret(),
    });
    value(await service.deleteToken({ id }));
    expect([...keychain.entries.keys()].sort()).toEqual([id, `${id}#client`, `${id}#refresh`].sort());
    value(await service.purgeDeleted({ id }));
    expect([...keychain.entries.keys()]).toEqual([]);
  });

  it('are refused for an unknown token, and nothing is written', async () => {
    const answer = await service.setOAuthCredentials({
      id: '00000000-0000-4000-8000-000000000000',
      clientId: 'x',
      clientSecret: canarySecret(),
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(keychain.calls.filter((c) => c.op === 'set')).toEqual([]);
  });

  it.each([
    [
      'a client id with ":" (the slot keeps "id:secret")',
      { clientId: 'a:b', clientSecret: 'FAKE-secret-1' },
      /clientId: must not contain ":"/,
    ],
    ['a client secret without its client id', { clientSecret: 'FAKE-secret-2' }, /a client secret needs its client id/],
    ['a refresh token with a line break', { refreshToken: 'FAKE-refresh\nFAKE-more' }, /refreshToken: .*line break/],
    ['nothing at all', {}, /Nothing to store/],
  ])('%s is refused without echoing any secret', async (_name, input, message) => {
    const id = await addOAuthToken();
    const answer = await service.setOAuthCredentials({ id, ...input });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!answer.ok) {
      expect(answer.error.message).toMatch(message);
      expect(answer.error.message).not.toMatch(/FAKE-/);
    }
    expect(keychain.calls.filter((c) => c.op === 'set' && c.account?.includes('#'))).toEqual([]);
  });
});

describe.skipIf(!inKeychainSession)('lapse oauth, against the real keychain', () => {
  let keychainService: string;
  beforeEach(() => {
    keychainService = testServiceName();
  });
  afterEach(() => clearKeychainService(keychainService));

  const lapse = (args: string[], stdin = '') =>
    lapseInProcess(
      args,
      { ...envWithout(['LAPSE_NOW']), LAPSE_HOME: home, LAPSE_KEYCHAIN_SERVICE: keychainService },
      stdin,
    );

  it('set reads the client secret and refresh token from stdin, show tells what is stored, rm removes all three entries', async () => {
    const added = await lapse(
      ['add', '--label', 'reports API', '--provider', 'oauth2', '--base-url', 'https://id.example'],
      `${await fakeJwt()}\n`,
    );
    const id = added.stdout.trim();
    const clientSecret = canarySecret();
    const refreshToken = canarySecret();

    const set = await lapse(
      ['oauth', 'set', id, '--client-id', 'reports-app', '--client-secret-stdin', '--refresh-token-stdin'],
      `${clientSecret}\n${refreshToken}\n`,
    );
    expect(set, set.stderr).toMatchObject({ code: 0 });
    expect(`${set.stdout}${set.stderr}`).not.toContain(clientSecret);
    expect((await keychainAttributes(keychainService)).usernames.sort()).toEqual(
      [id, `${id}#client`, `${id}#refresh`].sort(),
    );

    const shown = await lapse(['oauth', 'show', id, '--json']);
    expect(JSON.parse(shown.stdout)).toEqual({
      id,
      hasClient: true,
      clientId: 'reports-app',
      hasClientSecret: true,
      hasRefreshToken: true,
    });

    expect((await lapse(['rm', id, '--yes'])).code).toBe(0);
    expect((await lapse(['deleted', '--purge', id, '--yes'])).code).toBe(0);
    expect((await keychainAttributes(keychainService)).usernames).toEqual([]);
  });

  it('refuses a secret given as an argument, and a client id with no say about its secret', async () => {
    const added = await lapse(['add', '--label', 'reports API', '--provider', 'oauth2'], `${await fakeJwt()}\n`);
    const id = added.stdout.trim();
    const secret = canarySecret();

    const asArgument = await lapse(['oauth', 'set', id, '--client-id', 'x', '--client-secret', secret]);
    expect(asArgument.code).toBe(2);
    expect(asArgument.stderr).toMatch(/on stdin, never as arguments/);
    expect(asArgument.stderr).not.toContain(secret);

    const unclear = await lapse(['oauth', 'set', id, '--client-id', 'x']);
    expect(unclear.code).toBe(2);
    expect(unclear.stderr).toMatch(/--client-secret-stdin.*or --public-client/);
    expect((await keychainAttributes(keychainService)).usernames).toEqual([id]);
  });
});
