// End to end: the built `lapse` CLI, the real keychain (scripts/with-keychain.sh) and a real oidc-provider.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oidcResources, startOidcEmulator, type OidcEmulator } from '../../emulators/oidc.js';
import { testServiceName } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, clearKeychainService, inKeychainSession } from '../../helpers/keychain-session.js';
import { builtModule, envWithout, run } from '../../helpers/processes.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

announceKeychainSkip();

describe.skipIf(!inKeychainSession)('lapse verify on OAuth and JWT tokens, end to end', () => {
  let home: string;
  let service: string;
  let issuer: OidcEmulator;

  beforeEach(async () => {
    builtModule('electron/cli/main.js');
    home = makeTempDir('lapse-oauth-cli');
    service = testServiceName();
    issuer = await startOidcEmulator();
  });
  afterEach(async () => {
    await issuer.close();
    await clearKeychainService(service);
    removeTempDir(home);
  });

  const lapse = async (args: string[], input = '') => {
    const env = { ...envWithout(['LAPSE_NOW']), LAPSE_HOME: home, LAPSE_KEYCHAIN_SERVICE: service };
    const result = await run('node', ['bin/lapse.js', ...args], { env, input, timeoutMs: 20_000 });
    return { ...result, json: () => JSON.parse(result.stdout) as { results: Record<string, unknown>[] } };
  };
  const add = async (secret: string, ...args: string[]) => {
    const added = await lapse(['add', '--label', 'api token', ...args], `${secret}\n`);
    expect(added.code, added.stderr).toBe(0);
    return added.stdout.trim();
  };

  it('an opaque token is valid once its client is stored, then disconnected after the issuer revokes it', async () => {
    const { access_token } = await issuer.codeFlowTokens('alice');
    const id = await add(access_token, '--provider', 'oauth2', '--base-url', issuer.url);
    const set = await lapse(
      ['oauth', 'set', id, '--client-id', issuer.client.id, '--client-secret-stdin'],
      `${issuer.client.secret}\n`,
    );
    expect(set.code, set.stderr).toBe(0);

    const first = await lapse(['verify', id, '--json']);
    expect(first.json().results[0]).toMatchObject({
      outcome: 'valid',
      account: 'alice',
      grantedScopes: ['api:read', 'api:write'],
      expirySource: 'provider',
    });

    await issuer.revoke(access_token);
    const second = await lapse(['verify', id, '--json']);
    expect(second.json().results[0]).toMatchObject({ outcome: 'rejected', reason: 'revoked', status: 'disconnected' });
    expect(second.stdout).toContain('The issuer reports it as inactive');
    expect(`${first.stdout}${first.stderr}${second.stdout}${second.stderr}`).not.toContain(issuer.client.secret);
  });

  it("a JWT is checked against its issuer's keys; with the issuer down it is unreachable, not disconnected", async () => {
    const { access_token } = await issuer.clientCredentialsToken(oidcResources.jwt);
    const id = await add(access_token, '--provider', 'jwt', '--base-url', issuer.url);

    const valid = await lapse(['verify', id, '--json']);
    expect(valid.json().results[0]).toMatchObject({ outcome: 'valid', account: issuer.client.id });
    expect(valid.json().results[0]?.['learned']).toContain("signature checked against the issuer's keys");

    await issuer.close();
    const down = await lapse(['verify', id, '--json']);
    expect(down.json().results[0], down.stdout).toMatchObject({ outcome: 'unreachable' });
    expect(down.json().results[0]?.['status']).not.toBe('disconnected');
  });
});
