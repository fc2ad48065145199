import { describe, expect, it } from 'vitest';
import { oidcResources, startOidcEmulator, type OidcEmulator } from '../../emulators/oidc.js';
import { lifecycleRig } from '../lifecycle/lifecycle-rig.js';
import { value } from './verify-harness.js';
import { freshEachTest, useEmulator } from '../../helpers/lifetimes.js';

// A second real oidc-provider whose issuer has a path (/tenant/acme) and whose token,
// introspection, revocation and JWKS endpoints sit on another origin (a proxy on another loopback
// port), as Google's and Cognito's do: RFC 8414 puts endpoints anywhere the issuer's own metadata
// says. Lapse must take them, send the token only there, and keep the issuer exact.

const tenant = useEmulator(() => startOidcEmulator({ issuerPath: '/tenant/acme', endpointsElsewhere: true }));
const rig = freshEachTest(lifecycleRig);

async function addAt(oidc: OidcEmulator, secret: string, refresh?: string) {
  const token = await rig.add({ secret, label: 'tenant api', provider: 'oauth2', baseUrl: oidc.issuer });
  rig.keychain.entries.set(`${token.id}#client`, oidc.clientCompanion);
  if (refresh) rig.keychain.entries.set(`${token.id}#refresh`, refresh);
  return token;
}

const sinceThen = (oidc: OidcEmulator, seenAtIssuer: number, seenElsewhere: number) => ({
  atIssuer: oidc.requests.slice(seenAtIssuer).map((r) => r.path),
  elsewhere: oidc.elsewhereRequests.slice(seenElsewhere).map((r) => r.path),
});

describe('an issuer with a path whose endpoints are on another origin', () => {
  it('its metadata is found at <issuer>/.well-known/openid-configuration and names endpoints on the second origin', () => {
    expect(tenant.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tenant\/acme$/);
    expect(tenant.endpointsOrigin).not.toBeNull();
    expect(tenant.endpointsOrigin).not.toBe(new URL(tenant.issuer).origin);
  });

  it('verify: introspection goes to the second origin; the issuer is asked only for its metadata', async () => {
    const { access_token } = await tenant.clientCredentialsToken(oidcResources.opaque);
    const token = await addAt(tenant, access_token);
    const [a, b] = [tenant.requests.length, tenant.elsewhereRequests.length];

    const result = value(await rig.api.verifyToken({ id: token.id }));

    expect(result.outcome).toBe('valid');
    const seen = sinceThen(tenant, a, b);
    expect(seen.elsewhere).toContain('/tenant/acme/token/introspection');
    // At the issuer's own origin: the metadata, and the requests the proxy passed on; nothing else came from Lapse.
    expect(seen.atIssuer.filter((p) => p.includes('.well-known') || p.startsWith('/tenant/acme/token'))).toEqual(
      seen.atIssuer,
    );
    expect(tenant.elsewhereRequests.at(-1)?.auth).toMatch(/^Basic /);
  });

  it('a JWT access token is checked against the keys at the second origin', async () => {
    const { access_token } = await tenant.clientCredentialsToken(oidcResources.jwt);
    const token = await rig.add({ secret: access_token, label: 'tenant jwt', provider: 'jwt', baseUrl: tenant.issuer });
    const b = tenant.elsewhereRequests.length;

    const result = value(await rig.api.verifyToken({ id: token.id }));

    expect(result.outcome).toBe('valid');
    expect(result.token.verification?.jwtCheck).toBe('jwks');
    expect(tenant.elsewhereRequests.slice(b).map((r) => r.path)).toContain('/tenant/acme/jwks');
  });

  it('rotation: the refresh goes to the token endpoint on the second origin, and the new pair is kept', async () => {
    const { access_token, refresh_token } = await tenant.codeFlowTokens('alice');
    const token = await addAt(tenant, access_token, refresh_token);
    const b = tenant.elsewhereRequests.length;

    const result = value(await rig.api.rotateToken({ id: token.id }));

    expect(['finished', 'revocation-pending']).toContain(result.state);
    expect(rig.keychain.entries.get(token.id)).not.toBe(access_token);
    expect(tenant.elsewhereRequests.slice(b).map((r) => r.path)).toContain('/tenant/acme/token');
  });

  it('revocation: the refresh token first, then the access token, both at the second origin; confirmed by introspection', async () => {
    const { access_token, refresh_token } = await tenant.codeFlowTokens('bob');
    const token = await addAt(tenant, access_token, refresh_token);
    const b = tenant.elsewhereRequests.length;

    const result = value(await rig.api.revokeToken({ id: token.id }));

    expect(result.state).toBe('revoked');
    const revocations = tenant.elsewhereRequests.slice(b).filter((r) => r.path === '/tenant/acme/token/revocation');
    expect(revocations).toHaveLength(2);
    expect(await tenant.introspect(refresh_token)).toEqual({ active: false });
    expect(await tenant.introspect(access_token)).toEqual({ active: false });
  });

  it('the issuer must match exactly: a trailing slash is another issuer, and the message says which to set', async () => {
    const { access_token } = await tenant.clientCredentialsToken(oidcResources.opaque);
    const token = await rig.add({
      secret: access_token,
      label: 'slash',
      provider: 'oauth2',
      baseUrl: `${tenant.issuer}/`,
    });
    rig.keychain.entries.set(`${token.id}#client`, tenant.clientCompanion);
    const b = tenant.elsewhereRequests.length;

    const result = value(await rig.api.verifyToken({ id: token.id }));

    expect(result.outcome).toBe('unreachable');
    expect(result.message).toContain(`Set the base URL to exactly "${tenant.issuer}"`);
    // Refused metadata: the token went nowhere.
    expect(tenant.elsewhereRequests.length).toBe(b);
  });
});

describe('RFC 7009 order: the refresh token first', () => {
  const issuer = useEmulator(startOidcEmulator);

  it("a JWT access token the issuer will not revoke (unsupported_token_type) does not stop the refresh token's revocation: the grant ends", async () => {
    const { access_token, refresh_token } = await issuer.codeFlowTokens('carol', { resource: oidcResources.jwt });
    const token = await addAt(issuer, access_token, refresh_token);

    const result = value(await rig.api.revokeToken({ id: token.id }));

    // The grant is over: the refresh token can mint nothing more.
    expect(await issuer.introspect(refresh_token)).toEqual({ active: false });
    expect((await issuer.refreshRaw(refresh_token)).body['error']).toBe('invalid_grant');
    // The JWT itself lives until it expires, and Lapse says so rather than calling it revoked.
    expect(result.state).toBe('pending');
    expect(result.token.revokedAt).toBeNull();
    expect(rig.auditText()).toMatch(/the refresh token is revoked, which ends the grant/);
    const order = issuer.requests.filter((r) => r.path === '/token/revocation');
    expect(order.length).toBeGreaterThanOrEqual(2);
  });
});

describe('the auth methods an issuer advertises', () => {
  it('an issuer that takes only client_secret_post gets the secret in the body, never as Basic', async () => {
    const postOnly = await startOidcEmulator({ authMethods: ['client_secret_post'], endpointsElsewhere: true });
    try {
      const { access_token } = await postOnly.clientCredentialsToken(oidcResources.opaque);
      const token = await addAt(postOnly, access_token);

      const result = value(await rig.api.verifyToken({ id: token.id }));

      expect(result.outcome).toBe('valid');
      const introspection = postOnly.elsewhereRequests.filter((r) => r.path === '/token/introspection').at(-1);
      expect(introspection?.auth).toBeNull();
    } finally {
      await postOnly.close();
    }
  });

  it('an issuer that takes only private_key_jwt: Lapse says it cannot present the client, and sends nothing', async () => {
    const keyOnly = await startOidcEmulator({ authMethods: ['private_key_jwt'], endpointsElsewhere: true });
    try {
      const { access_token } = await keyOnly.clientCredentialsToken(oidcResources.opaque);
      const token = await addAt(keyOnly, access_token);

      const result = value(await rig.api.verifyToken({ id: token.id }));

      expect(result.outcome).toBe('unreachable');
      expect(result.message).toMatch(/private_key_jwt.*client_secret_basic or client_secret_post/);
      expect(keyOnly.elsewhereRequests.filter((r) => r.path === '/token/introspection')).toEqual([]);
    } finally {
      await keyOnly.close();
    }
  });
});
