import { jwtVerify, type CryptoKey, type JWTVerifyResult } from 'jose';
import { readJwt } from '../../../shared/formats.js';
import type { VerifyContext, VerifyOutcome } from '../provider.js';
import { CannotAskProvider } from './cannot-ask-provider.js';
import { discoverIssuer, sameIssuer } from './discovery.js';
import { issuerKeys, type IssuerKeys } from './jwks.js';
import { accountFrom, isoFromSeconds, oneLine, scopesFrom } from './token-facts.js';

/** Clock difference tolerated on exp and nbf (RFC 7519 §4.1.4 allows "a small leeway"). */
export const jwtLeewaySeconds = 30;

type Claims = Record<string, unknown>;
type Jwt = { header: Record<string, unknown>; claims: Claims };

const hostOf = (issuer: string) => new URL(issuer).host;

/** RFC 9068 §2.1: `at+jwt` (or its full media type) marks a JWT access token. */
function typeNote(header: Record<string, unknown>): string {
  const typ = typeof header['typ'] === 'string' ? header['typ'].toLowerCase() : null;
  if (typ === 'at+jwt' || typ === 'application/at+jwt') return 'An RFC 9068 JWT access token (typ at+jwt).';
  return `Not typed as an RFC 9068 access token (typ ${oneLine(header['typ'], 40) ?? 'absent'}); resource servers that follow RFC 9068 refuse it.`;
}

/** `checkNote` says more about the check than jwtCheck does (which the faces already show). */
function validOutcome(jwt: Jwt, jwtCheck: 'jwks' | 'claims-only', checkNote: string | null): VerifyOutcome {
  const { claims, header } = jwt;
  const grantedScopes = scopesFrom(claims['scope'], claims['scp']);
  const notes = [...(checkNote ? [checkNote] : []), typeNote(header)];
  if (grantedScopes === null) notes.push('The JWT carries no scope claim.');
  const audience = Array.isArray(claims['aud']) ? claims['aud'].join(' ') : claims['aud'];
  const aud = oneLine(audience, 120);
  if (aud) notes.push(`Audience: ${aud}.`);
  return {
    outcome: 'valid',
    account: accountFrom(claims['sub'], claims['client_id']),
    grantedScopes,
    // A JWT without exp never expires: that is a fact about it, not a gap in what Lapse knows.
    expiresAt: isoFromSeconds(claims['exp']),
    notes,
    jwtCheck,
  };
}

/** The time checks of RFC 7519 §4.1.4–4.1.5 on the claims alone. */
function timeVerdict(claims: Claims, now: number, how: string): VerifyOutcome | null {
  const exp = claims['exp'];
  if (typeof exp === 'number' && (exp + jwtLeewaySeconds) * 1000 <= now) {
    return {
      outcome: 'rejected',
      reason: 'expired',
      message: `The JWT expired at ${isoFromSeconds(exp)} (${how}).`,
      dead: true,
    };
  }
  const nbf = claims['nbf'];
  if (typeof nbf === 'number' && (nbf - jwtLeewaySeconds) * 1000 > now) {
    return {
      outcome: 'rejected',
      reason: 'inactive',
      message: `The JWT is not valid before ${isoFromSeconds(nbf)} (${how}).`,
      dead: false,
    };
  }
  return null;
}

function claimsOnly(jwt: Jwt, now: number): VerifyOutcome {
  const early = timeVerdict(jwt.claims, now, 'by its own claims; its signature was not checked');
  if (early) return early;
  const iss = oneLine(jwt.claims['iss'], 120);
  const why = iss
    ? `Signature not checked: Lapse fetches keys only from an issuer you set; set the base URL to ${iss} to check it against that issuer's keys.`
    : 'Signature not checked: the JWT names no issuer and has no base URL, so Lapse knows no keys to check it against.';
  return validOutcome(jwt, 'claims-only', why);
}

const codeOf = (error: unknown) => (error as { code?: unknown })?.code;

/** jwtVerify, trying each candidate when several of the issuer's keys fit the header. */
async function verifyWith(token: string, keys: IssuerKeys, now: number): Promise<JWTVerifyResult> {
  const options = { clockTolerance: jwtLeewaySeconds, currentDate: new Date(now) };
  try {
    return await jwtVerify(token, keys.verifier, options);
  } catch (error) {
    if (codeOf(error) !== 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw error;
    let last: unknown = error;
    for await (const key of error as AsyncIterable<CryptoKey>) {
      try {
        return await jwtVerify(token, key, options);
      } catch (next) {
        last = next;
        if (codeOf(next) !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') break;
      }
    }
    throw last;
  }
}

/** What jose's refusal means for the token: rejected (the issuer would refuse it too), or a thrown CannotAskProvider. */
function verdictOf(error: unknown, jwt: Jwt, issuer: string): VerifyOutcome {
  const host = hostOf(issuer);
  const alg = oneLine(jwt.header['alg'], 20) ?? 'none';
  switch (codeOf(error)) {
    case 'ERR_JWT_EXPIRED':
      return {
        outcome: 'rejected',
        reason: 'expired',
        message: `The JWT expired at ${isoFromSeconds(jwt.claims['exp'])} (signature checked against ${host}'s keys).`,
        dead: true,
      };
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return {
        outcome: 'rejected',
        reason: 'invalid',
        message: `The JWT's signature does not match ${host}'s keys: it was altered, or not issued by ${host}.`,
        dead: true,
      };
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return {
        outcome: 'rejected',
        reason: 'invalid',
        message: `None of ${host}'s published keys fits this JWT (alg ${alg}): its key was retired, or it was not issued by ${host}.`,
        dead: false,
      };
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const claim = (error as { claim?: unknown }).claim;
      if (claim === 'nbf') {
        return {
          outcome: 'rejected',
          reason: 'inactive',
          message: `The JWT is not valid before ${isoFromSeconds(jwt.claims['nbf'])}.`,
          dead: false,
        };
      }
      return {
        outcome: 'rejected',
        reason: 'invalid',
        message: `The JWT's ${oneLine(claim, 20) ?? 'claims'} claim is not valid.`,
        dead: true,
      };
    }
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return {
        outcome: 'rejected',
        reason: 'invalid',
        message: 'The JWT is malformed: no issuer would accept it.',
        dead: true,
      };
    case 'ERR_JOSE_NOT_SUPPORTED':
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      if (alg === 'none')
        return {
          outcome: 'rejected',
          reason: 'invalid',
          message: 'The JWT is unsigned (alg none): no issuer would accept it.',
          dead: true,
        };
      throw new CannotAskProvider(
        `The JWT is signed with ${alg}, which Lapse cannot check against ${host}'s published keys (only public-key signatures can be).`,
      );
    default:
      throw error;
  }
}

/**
 * Verify a JWT: against the JWKS of `issuer` (a base URL the user set), or, with no issuer,
 * by its claims alone, and say which in `jwtCheck` and a note.
 */
export async function verifyJwt(ctx: VerifyContext, issuer: string | null): Promise<VerifyOutcome> {
  const jwt = readJwt(ctx.secret);
  if (!jwt)
    throw new CannotAskProvider(
      'This token is not a JWT, so Lapse cannot check it as one; set the provider that issued it.',
    );
  if (!issuer) return claimsOnly(jwt, ctx.now);

  const iss = jwt.claims['iss'];
  if (typeof iss === 'string' && !sameIssuer(iss, issuer)) {
    // Never fetch keys from an issuer the user did not configure, and never judge by the wrong one.
    throw new CannotAskProvider(
      `The JWT was issued by ${oneLine(iss, 120)}, but its base URL is ${issuer}; set the base URL to its issuer to check its signature.`,
    );
  }
  const metadata = await discoverIssuer(ctx.http, issuer);
  if (!metadata.jwksUri)
    throw new CannotAskProvider(
      `${hostOf(issuer)} publishes no key set (jwks_uri), so Lapse cannot check the JWT's signature.`,
    );

  let keys = await issuerKeys(ctx.http, metadata.jwksUri);
  for (let attempt = 0; ; attempt++) {
    try {
      await verifyWith(ctx.secret, keys, ctx.now);
      return validOutcome(
        jwt,
        'jwks',
        typeof iss === 'string' ? null : "The JWT names no issuer; its signature matches the base URL's keys.",
      );
    } catch (error) {
      if (codeOf(error) === 'ERR_JWKS_NO_MATCHING_KEY' && attempt === 0) {
        // The issuer may have rotated its keys since they were fetched.
        const fresh = await issuerKeys(ctx.http, metadata.jwksUri, keys);
        if (fresh !== keys) {
          keys = fresh;
          continue;
        }
      }
      return verdictOf(error, jwt, issuer);
    }
  }
}
