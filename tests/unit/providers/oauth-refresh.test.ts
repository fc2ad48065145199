import { describe, expect, it } from 'vitest';
import { clientCredentialsFrom } from '../../../electron/providers/oauth/client-credentials.js';
import {
  refreshAccessToken,
  RefreshOutcomeUnknown,
  RefreshRefused,
} from '../../../electron/providers/oauth/refresh.js';
import { providerHttp } from '../../../electron/providers/provider-http.js';
import { RateGate } from '../../../electron/providers/rate-gate.js';
import { startOidcEmulator } from '../../emulators/oidc.js';
import { useEmulator } from '../../helpers/lifetimes.js';

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as Error,
  );

describe('refreshing an access token at a real oidc-provider that rotates refresh tokens', () => {
  const issuer = useEmulator(startOidcEmulator);
  const refresh = (refreshToken: string, options: { client?: string; firstByteTimeoutMs?: number } = {}) => {
    const client = clientCredentialsFrom(options.client ?? issuer.clientCompanion);
    if (!client) throw new Error('bad client');
    const http = providerHttp({
      baseUrl: issuer.url,
      gate: new RateGate(),
      firstByteTimeoutMs: options.firstByteTimeoutMs ?? 2_000,
      totalTimeoutMs: 4_000,
    });
    return refreshAccessToken({ http, issuer: issuer.url, refreshToken, client });
  };
  const tokenPosts = () => issuer.requests.filter((r) => r.method === 'POST' && r.path === '/token').length;

  it('returns a new access token, a new refresh token, its lifetime and its scopes', async () => {
    const first = await issuer.codeFlowTokens();
    const refreshed = await refresh(first.refresh_token);

    expect(refreshed).toMatchObject({ expiresIn: 300, scope: ['api:read', 'api:write'] });
    expect(refreshed.accessToken).not.toBe(first.access_token);
    expect(refreshed.refreshToken).toBeDefined();
    expect(refreshed.refreshToken).not.toBe(first.refresh_token);
    expect(await issuer.introspect(refreshed.accessToken)).toMatchObject({ active: true, sub: 'alice' });
  });

  it('reusing a rotated refresh token is refused (invalid_grant) and the issuer revokes the whole grant (RFC 9700)', async () => {
    const first = await issuer.codeFlowTokens();
    const rotated = await refresh(first.refresh_token);
    expect(await issuer.introspect(rotated.refreshToken ?? '')).toMatchObject({ active: true });

    const reuse = await failureOf(refresh(first.refresh_token));
    expect(reuse).toBeInstanceOf(RefreshRefused);
    expect(reuse).toMatchObject({ error: 'invalid_grant' });
    expect(reuse?.message).toMatch(/already used; authorize again/);
    // The newest refresh token and access token died with the grant.
    expect(await issuer.introspect(rotated.refreshToken ?? '')).toEqual({ active: false });
    expect(await issuer.introspect(rotated.accessToken)).toEqual({ active: false });
  });

  it('a refused client is invalid_client, and the refresh token stays usable', async () => {
    const first = await issuer.codeFlowTokens();
    const refused = await failureOf(refresh(first.refresh_token, { client: `${issuer.client.id}:FAKE-wrong-secret` }));
    expect(refused).toMatchObject({ name: 'RefreshRefused', error: 'invalid_client' });
    await expect(refresh(first.refresh_token)).resolves.toMatchObject({ expiresIn: 300 });
  });

  it('is sent exactly once: a 503 is not retried, and the outcome is reported as unknown', async () => {
    const first = await issuer.codeFlowTokens();
    const before = tokenPosts();
    issuer.fault('/token', { kind: 'status', status: 503 });
    try {
      const error = await failureOf(refresh(first.refresh_token));
      expect(error).toBeInstanceOf(RefreshOutcomeUnknown);
      expect(error?.message).toMatch(/server error \(503\).*will not send it again/);
      expect(tokenPosts() - before).toBe(1);
    } finally {
      issuer.fault('/token', null);
    }
  });

  it('a hung token endpoint ends within the timeout, sent once, outcome unknown', async () => {
    const first = await issuer.codeFlowTokens();
    const before = tokenPosts();
    issuer.fault('/token', { kind: 'hang' });
    const started = Date.now();
    try {
      const error = await failureOf(refresh(first.refresh_token, { firstByteTimeoutMs: 300 }));
      expect(error).toBeInstanceOf(RefreshOutcomeUnknown);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(tokenPosts() - before).toBe(1);
    } finally {
      issuer.fault('/token', null);
    }
  });
});
