import { randomBytes } from 'node:crypto';
import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtProvider } from '../../../electron/providers/jwt.js';
import { CannotAskProvider } from '../../../electron/providers/oauth/cannot-ask-provider.js';
import { oidcResources, startOidcEmulator, type OidcEmulator } from '../../emulators/oidc.js';
import { fakeJwt, randomId } from '../../helpers/fake-tokens.js';
import { oauthRecord, recordAfter, statusOf, verifyWith } from './oauth-context.js';
import { useEmulator } from '../../helpers/lifetimes.js';

const jwtRecord = (baseUrl: string | null) => oauthRecord({ provider: 'jwt', kind: 'JWT access token', baseUrl });

/** The same JWT with one claim changed and the original signature kept. */
function withClaim(jwt: string, claim: string, value: unknown): string {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), [claim]: value };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

/** A JWT that claims the issuer but is signed with a key the issuer never published. */
async function forgedJwt(iss: string): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT({ scope: 'api:read', client_id: 'FAKE-forger' })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: `FAKE-${randomId(6)}` })
    .setIssuer(iss)
    .setSubject('FAKE-forger')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}

describe("a JWT whose issuer is its base URL: checked against the issuer's JWKS", () => {
  let issuer: OidcEmulator;
  let token: string;
  beforeAll(async () => {
    issuer = await startOidcEmulator();
    token = (await issuer.clientCredentialsToken(oidcResources.jwt)).access_token;
  });
  afterAll(() => issuer.close());

  it('is valid, with account, scopes and expiry from its claims, and jwtCheck "jwks"', async () => {
    const answer = await verifyWith(jwtProvider, { record: jwtRecord(issuer.url), secret: token });
    const exp = decodeJwt(token).exp ?? 0;

    expect(answer).toMatchObject({
      outcome: 'valid',
      jwtCheck: 'jwks',
      account: issuer.client.id,
      grantedScopes: ['api:read', 'api:write'],
      expiresAt: new Date(exp * 1000).toISOString(),
    });
    if (answer.outcome !== 'valid') return;
    expect(answer.notes.join(' ')).toMatch(/RFC 9068 JWT access token \(typ at\+jwt\)/);
  });

  it('a tampered JWT (a claim changed, the signature kept) is rejected as invalid and shows disconnected', async () => {
    const tampered = withClaim(token, 'scope', 'api:read api:write api:admin');
    const record = jwtRecord(issuer.url);
    const answer = await verifyWith(jwtProvider, { record, secret: tampered });

    expect(answer).toMatchObject({ outcome: 'rejected', reason: 'invalid' });
    if (answer.outcome === 'rejected') expect(answer.message).toMatch(/signature does not match .*altered/);
    expect(statusOf(recordAfter(record, answer))).toBe('disconnected');
  });

  it('a JWT signed with a key the issuer never published is rejected as invalid, after one fresh look at its keys', async () => {
    const jwksFetches = () => issuer.requests.filter((r) => r.path === '/jwks').length;
    const before = jwksFetches();
    const answer = await verifyWith(jwtProvider, {
      record: jwtRecord(issuer.url),
      secret: await forgedJwt(issuer.issuer),
    });

    expect(answer).toMatchObject({ outcome: 'rejected', reason: 'invalid' });
    if (answer.outcome === 'rejected') expect(answer.message).toMatch(/None of .* published keys fits this JWT/);
    // At most one refetch (rate-limited to one per 30 s per key set), never a loop.
    expect(jwksFetches() - before).toBeLessThanOrEqual(1);
  });

  it('a JWT past its exp is rejected as expired, with its signature still checked', async () => {
    const exp = decodeJwt(token).exp ?? 0;
    const answer = await verifyWith(jwtProvider, {
      record: jwtRecord(issuer.url),
      secret: token,
      now: (exp + 120) * 1000,
    });
    expect(answer).toMatchObject({ outcome: 'rejected', reason: 'expired' });
    if (answer.outcome === 'rejected') expect(answer.message).toMatch(/signature checked against/);
  });

  it('a JWT a few seconds past exp is still valid inside the clock leeway', async () => {
    const exp = decodeJwt(token).exp ?? 0;
    const answer = await verifyWith(jwtProvider, {
      record: jwtRecord(issuer.url),
      secret: token,
      now: (exp + 10) * 1000,
    });
    expect(answer).toMatchObject({ outcome: 'valid', jwtCheck: 'jwks' });
  });
});

describe('a JWT whose issuer Lapse was not told to trust: claims only', () => {
  const issuer = useEmulator(startOidcEmulator);

  it('with no base URL it is judged by its claims, says the signature was not checked, and asks its issuer nothing', async () => {
    const { access_token } = await issuer.clientCredentialsToken(oidcResources.jwt);
    const before = issuer.requests.length;
    const answer = await verifyWith(jwtProvider, { record: jwtRecord(null), secret: access_token });

    expect(answer).toMatchObject({ outcome: 'valid', jwtCheck: 'claims-only', account: issuer.client.id });
    if (answer.outcome === 'valid')
      expect(answer.notes[0]).toMatch(new RegExp(`Signature not checked.*set the base URL to ${issuer.issuer}`));
    expect(issuer.requests.slice(before)).toEqual([]);
  });

  it('a JWT expired by its own claims is rejected as expired, saying the signature was not checked', async () => {
    const now = Date.now();
    const secret = await fakeJwt({ iat: Math.floor(now / 1000) - 7200, exp: Math.floor(now / 1000) - 3600 });
    const answer = await verifyWith(jwtProvider, { record: jwtRecord(null), secret, now });
    expect(answer).toMatchObject({ outcome: 'rejected', reason: 'expired' });
    if (answer.outcome === 'rejected')
      expect(answer.message).toMatch(/by its own claims; its signature was not checked/);
  });

  it('a JWT whose iss is not its base URL is not checked against either issuer, and is not rejected', async () => {
    const elsewhere = await startOidcEmulator();
    try {
      const { access_token } = await elsewhere.clientCredentialsToken(oidcResources.jwt);
      const before = { here: issuer.requests.length, there: elsewhere.requests.length };
      const answer = await verifyWith(jwtProvider, { record: jwtRecord(issuer.url), secret: access_token });

      expect(answer.outcome).toBe('fault');
      if (answer.outcome === 'fault') {
        expect(answer.fault).toBeInstanceOf(CannotAskProvider);
        expect(answer.fault.message).toContain(`issued by ${elsewhere.issuer}, but its base URL is ${issuer.url}`);
      }
      expect(issuer.requests.length - before.here).toBe(0);
      expect(elsewhere.requests.length - before.there).toBe(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('a value that is not a JWT cannot be checked as one, and is not rejected', async () => {
    const answer = await verifyWith(jwtProvider, {
      record: jwtRecord(null),
      secret: `FAKE-${randomBytes(16).toString('hex')}`,
    });
    expect(answer.outcome).toBe('fault');
    if (answer.outcome === 'fault') expect(answer.fault.message).toMatch(/not a JWT/);
  });
});
