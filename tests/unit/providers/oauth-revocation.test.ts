import { describe, expect, it } from 'vitest';
import { CannotAskProvider } from '../../../electron/providers/oauth/cannot-ask-provider.js';
import { clientCredentialsFrom } from '../../../electron/providers/oauth/client-credentials.js';
import { revokeAtIssuer } from '../../../electron/providers/oauth/revocation.js';
import { providerHttp } from '../../../electron/providers/provider-http.js';
import { RateGate } from '../../../electron/providers/rate-gate.js';
import { oidcResources, startOidcEmulator } from '../../emulators/oidc.js';
import { useEmulator } from '../../helpers/lifetimes.js';

describe('revoking a token at a real oidc-provider (RFC 7009)', () => {
  const issuer = useEmulator(startOidcEmulator);
  const revoke = (token: string, options: { client?: string; hint?: 'access_token' | 'refresh_token' } = {}) => {
    const client = clientCredentialsFrom(options.client ?? issuer.clientCompanion);
    if (!client) throw new Error('bad client');
    const http = providerHttp({ baseUrl: issuer.url, gate: new RateGate(), totalTimeoutMs: 4_000 });
    return revokeAtIssuer({ http, issuer: issuer.url, token, client, ...(options.hint ? { hint: options.hint } : {}) });
  };

  it('an access token is dead once revocation resolves', async () => {
    const { access_token } = await issuer.clientCredentialsToken(oidcResources.opaque);
    await revoke(access_token, { hint: 'access_token' });
    expect(await issuer.introspect(access_token)).toEqual({ active: false });
  });

  it('revoking a refresh token ends its grant: the access token issued with it dies too', async () => {
    const tokens = await issuer.codeFlowTokens();
    await revoke(tokens.refresh_token, { hint: 'refresh_token' });
    expect(await issuer.introspect(tokens.refresh_token)).toEqual({ active: false });
    expect(await issuer.introspect(tokens.access_token)).toEqual({ active: false });
  });

  it('refused client credentials leave the token live, and say so', async () => {
    const { access_token } = await issuer.clientCredentialsToken(oidcResources.opaque);
    const error = await revoke(access_token, { client: `${issuer.client.id}:FAKE-wrong-secret` }).catch(
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(CannotAskProvider);
    expect(String(error)).toMatch(/still live/);
    expect(await issuer.introspect(access_token)).toMatchObject({ active: true });
  });

  it('a 503 is retried like a read, and ends as a server error that leaves the token live', async () => {
    const { access_token } = await issuer.clientCredentialsToken(oidcResources.opaque);
    const revocations = () => issuer.requests.filter((r) => r.path === '/token/revocation').length;
    const before = revocations();
    issuer.fault('/token/revocation', { kind: 'status', status: 503 });
    try {
      const error = await revoke(access_token).catch((e: Error) => e);
      expect(String(error)).toMatch(/server error \(503\)/);
      expect(revocations() - before).toBe(3);
      expect(await issuer.introspect(access_token)).toMatchObject({ active: true });
    } finally {
      issuer.fault('/token/revocation', null);
    }
  });
});
