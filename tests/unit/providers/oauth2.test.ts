import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { oauth2Provider } from '../../../electron/providers/oauth2.js';
import { CannotAskProvider } from '../../../electron/providers/oauth/cannot-ask-provider.js';
import { oidcResources, startOidcEmulator } from '../../emulators/oidc.js';
import { oauthRecord, recordAfter, statusOf, verifyWith, type AdapterRun } from './oauth-context.js';
import { useEmulator } from '../../helpers/lifetimes.js';

const expectFault = (answer: Awaited<ReturnType<typeof verifyWith>>) => {
  if (answer.outcome !== 'fault') throw new Error(`expected a fault, got ${JSON.stringify(answer)}`);
  return answer.fault;
};

describe('an OAuth token, checked by introspection at a real oidc-provider', () => {
  const issuer = useEmulator(startOidcEmulator);
  const run = (secret: string, extra: Partial<AdapterRun> = {}): AdapterRun => ({
    record: oauthRecord({ baseUrl: issuer.url }),
    secret,
    companions: { client: issuer.clientCompanion },
    ...extra,
  });

  it('an active opaque token is valid, with the account, scopes and expiry the issuer reports', async () => {
    const { access_token, expires_in } = await issuer.codeFlowTokens('alice');
    const answer = await verifyWith(oauth2Provider, run(access_token));

    expect(answer).toMatchObject({ outcome: 'valid', account: 'alice', grantedScopes: ['api:read', 'api:write'] });
    if (answer.outcome !== 'valid') return;
    expect(Math.abs(Date.parse(answer.expiresAt ?? '') - (Date.now() + expires_in * 1000))).toBeLessThan(5_000);
    expect(answer.notes.join(' ')).toMatch(/reports it as active/);
  });

  it('a token that now belongs to another user shows disconnected (wrong account)', async () => {
    const { access_token } = await issuer.codeFlowTokens('mallory');
    const record = oauthRecord({ baseUrl: issuer.url, account: 'alice' });
    const answer = await verifyWith(oauth2Provider, { ...run(access_token), record });
    const after = recordAfter(record, answer);
    expect(after.verification).toMatchObject({ outcome: 'rejected', reason: 'wrong-account' });
    expect(statusOf(after)).toBe('disconnected');
  });

  it('scopes granted beyond what its purpose declares are out-of-scope; fewer than declared are named', async () => {
    const wide = await issuer.clientCredentialsToken(oidcResources.opaque, 'api:read api:write');
    const readOnly = oauthRecord({ baseUrl: issuer.url, scopes: ['api:read'] });
    const widened = recordAfter(
      readOnly,
      await verifyWith(oauth2Provider, { ...run(wide.access_token), record: readOnly }),
    );
    expect(widened.grantedScopes).toEqual(['api:read', 'api:write']);
    expect(statusOf(widened)).toBe('out-of-scope');

    const narrow = await issuer.clientCredentialsToken(oidcResources.opaque, 'api:read');
    const readWrite = oauthRecord({ baseUrl: issuer.url, scopes: ['api:read', 'api:write'] });
    const narrowed = recordAfter(
      readWrite,
      await verifyWith(oauth2Provider, { ...run(narrow.access_token), record: readWrite }),
    );
    expect(narrowed.grantedScopes).toEqual(['api:read']);
    expect(narrowed.verification?.notes).toContain('Lacks api:write, which its purpose needs.');
  });

  it('a client-credentials token (no user) has the client as its account', async () => {
    const { access_token } = await issuer.clientCredentialsToken(oidcResources.opaque, 'api:read');
    const answer = await verifyWith(oauth2Provider, run(access_token));
    expect(answer).toMatchObject({ outcome: 'valid', account: issuer.client.id, grantedScopes: ['api:read'] });
  });

  it('a token revoked at the issuer (RFC 7009) is rejected as revoked after verify, and shows disconnected', async () => {
    const { access_token } = await issuer.clientCredentialsToken(oidcResources.opaque);
    const first = await verifyWith(oauth2Provider, run(access_token));
    const verified = recordAfter(oauthRecord({ baseUrl: issuer.url }), first);
    expect(statusOf(verified)).not.toBe('disconnected');

    await issuer.revoke(access_token, 'access_token');
    const second = await verifyWith(oauth2Provider, { ...run(access_token), record: verified });

    expect(second).toMatchObject({ outcome: 'rejected', reason: 'revoked' });
    if (second.outcome === 'rejected') expect(second.message).toMatch(/issuer reports it as inactive/);
    expect(statusOf(recordAfter(verified, second))).toBe('disconnected');
  });

  it('an opaque token past its lifetime is rejected as expired', async () => {
    const { access_token } = await issuer.clientCredentialsToken(oidcResources.shortOpaque);
    const first = await verifyWith(oauth2Provider, run(access_token));
    expect(first).toMatchObject({ outcome: 'valid' });
    const verified = recordAfter(oauthRecord({ baseUrl: issuer.url }), first);
    // The issuer's clock counts whole seconds: wait until the expiry it reported has passed.
    await sleep(Math.max(0, Date.parse(verified.expiresAt ?? '') - Date.now()) + 1_050);

    const second = await verifyWith(oauth2Provider, { ...run(access_token), record: verified });
    expect(second).toMatchObject({ outcome: 'rejected', reason: 'expired' });
  });

  it('a JWT access token, which the issuer does not introspect, is checked against its JWKS instead', async () => {
    const { access_token } = await issuer.clientCredentialsToken(oidcResources.jwt);
    const answer = await verifyWith(oauth2Provider, run(access_token));
    expect(answer).toMatchObject({
      outcome: 'valid',
      jwtCheck: 'jwks',
      account: issuer.client.id,
      grantedScopes: ['api:read', 'api:write'],
    });
    if (answer.outcome === 'valid') expect(answer.notes[0]).toMatch(/does not introspect JWT/);
  });

  it('without client credentials, an opaque token is "cannot verify: add the client\'s credentials", never rejected', async () => {
    const { access_token } = await issuer.clientCredentialsToken(oidcResources.opaque);
    const record = oauthRecord({ baseUrl: issuer.url });
    const answer = await verifyWith(oauth2Provider, { ...run(access_token), companions: {} });

    const fault = expectFault(answer);
    expect(fault).toBeInstanceOf(CannotAskProvider);
    expect(fault.message).toMatch(/client's credentials.*lapse oauth set/);
    expect(statusOf(recordAfter(record, answer))).not.toBe('disconnected');
  });

  it('without client credentials, a JWT is checked by its signature, and the note says revocation would not show', async () => {
    const { access_token } = await issuer.clientCredentialsToken(oidcResources.jwt);
    const answer = await verifyWith(oauth2Provider, { ...run(access_token), companions: {} });
    expect(answer).toMatchObject({ outcome: 'valid', jwtCheck: 'jwks' });
    if (answer.outcome === 'valid') expect(answer.notes[0]).toMatch(/No client credentials.*revocation/);
  });

  it('client credentials the issuer refuses are a problem to fix, not a rejected token', async () => {
    const { access_token } = await issuer.clientCredentialsToken(oidcResources.opaque);
    const answer = await verifyWith(oauth2Provider, {
      ...run(access_token),
      companions: { client: `${issuer.client.id}:FAKE-wrong-secret` },
    });
    const fault = expectFault(answer);
    expect(fault).toBeInstanceOf(CannotAskProvider);
    expect(fault.message).toMatch(/refused the client credentials.*lapse oauth set/);
    expect(fault.message).not.toContain('FAKE-wrong-secret');
  });

  it('a token with no base URL asks for the issuer URL', async () => {
    const answer = await verifyWith(oauth2Provider, {
      ...run('FAKE-opaque-token-value'),
      record: oauthRecord({ baseUrl: null }),
    });
    expect(expectFault(answer).message).toMatch(/set the token's base URL to the issuer URL/);
  });
});

describe('issuer metadata Lapse refuses', () => {
  it('metadata naming another issuer is refused with a clear message, and the token is never sent', async () => {
    // The server calls itself http://localhost:PORT; the user configured http://127.0.0.1:PORT.
    const issuer = await startOidcEmulator({ issuerHost: 'localhost' });
    try {
      const { access_token } = await issuer.clientCredentialsToken(oidcResources.opaque);
      const record = oauthRecord({ baseUrl: issuer.url });
      const before = issuer.requests.length;
      const answer = await verifyWith(oauth2Provider, {
        record,
        secret: access_token,
        companions: { client: issuer.clientCompanion },
      });

      const fault = expectFault(answer);
      expect(fault).toBeInstanceOf(CannotAskProvider);
      expect(fault.message).toContain(`names the issuer "${issuer.issuer}", not "${issuer.url}"`);
      expect(fault.message).toMatch(/RFC 8414 §3\.3/);
      expect(issuer.requests.slice(before).every((r) => r.path.startsWith('/.well-known/'))).toBe(true);
      expect(statusOf(recordAfter(record, answer))).not.toBe('disconnected');
    } finally {
      await issuer.close();
    }
  });
});

describe('an issuer that cannot answer', () => {
  it('an issuer that is down makes verify unreachable, never disconnected', async () => {
    const issuer = await startOidcEmulator();
    const { access_token } = await issuer.clientCredentialsToken(oidcResources.opaque);
    await issuer.close();
    const record = oauthRecord({ baseUrl: issuer.url });
    const answer = await verifyWith(oauth2Provider, {
      record,
      secret: access_token,
      companions: { client: issuer.clientCompanion },
    });

    expect(expectFault(answer).message).toMatch(/Could not reach 127\.0\.0\.1/);
    expect(statusOf(recordAfter(record, answer))).not.toBe('disconnected');
  });

  it('an issuer that hangs makes verify unreachable within the timeout', async () => {
    const issuer = await startOidcEmulator();
    try {
      const { access_token } = await issuer.clientCredentialsToken(oidcResources.opaque);
      issuer.fault('/', { kind: 'hang' });
      const record = oauthRecord({ baseUrl: issuer.url });
      const started = Date.now();
      const answer = await verifyWith(oauth2Provider, {
        record,
        secret: access_token,
        companions: { client: issuer.clientCompanion },
        firstByteTimeoutMs: 300,
        totalTimeoutMs: 1_000,
      });

      expect(expectFault(answer).message).toMatch(/did not answer in time/);
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(statusOf(recordAfter(record, answer))).not.toBe('disconnected');
    } finally {
      await issuer.close();
    }
  });

  it('a 503 at introspection is retried, then reported as a server error, never a rejection', async () => {
    const issuer = await startOidcEmulator();
    try {
      const { access_token } = await issuer.clientCredentialsToken(oidcResources.opaque);
      issuer.fault('/token/introspection', { kind: 'status', status: 503 });
      const answer = await verifyWith(oauth2Provider, {
        record: oauthRecord({ baseUrl: issuer.url }),
        secret: access_token,
        companions: { client: issuer.clientCompanion },
      });

      expect(expectFault(answer).message).toMatch(/server error \(503\)/);
      expect(issuer.requests.filter((r) => r.path === '/token/introspection')).toHaveLength(3);
    } finally {
      await issuer.close();
    }
  });
});
