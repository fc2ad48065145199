import { readJwt } from '../../shared/formats.js';
import type { ProviderAdapter, RevokeOutcome, VerifyContext, VerifyOutcome } from './provider.js';
import { CannotAskProvider } from './oauth/cannot-ask-provider.js';
import { clientCredentialsFrom, type ClientCredentials } from './oauth/client-credentials.js';
import { TransientFault } from './transient-fault.js';
import { oauthClientCompanions } from './oauth/companions.js';
import { discoverIssuer } from './oauth/discovery.js';
import { oauthRefreshRotation } from './oauth/refresh-rotation.js';
import { introspectToken } from './oauth/introspection.js';
import { revokeAtIssuer } from './oauth/revocation.js';
import { verifyJwt } from './oauth/jwt-verify.js';
import { accountFrom, isoFromSeconds, scopesFrom } from './oauth/token-facts.js';

const withNote = (outcome: VerifyOutcome, note: string): VerifyOutcome =>
  outcome.outcome === 'valid' ? { ...outcome, notes: [note, ...outcome.notes] } : outcome;

/**
 * RFC 7662 §2.2 {active:false}: "not active, does not exist on this server, or the protected
 * resource is not allowed to introspect this particular token". Dead only where a live token
 * could not get it: its known expiry has passed, or this issuer showed it active to this client
 * before (a verify, or while its revocation was asked). Otherwise it may be a client that may not
 * introspect it: rejected, but not dead.
 */
function inactive(ctx: VerifyContext): VerifyOutcome {
  const jwtExp = isoFromSeconds(readJwt(ctx.secret)?.claims['exp']);
  const expiresAt = jwtExp ?? ctx.record.expiresAt;
  if (expiresAt && Date.parse(expiresAt) <= ctx.now) {
    return {
      outcome: 'rejected',
      reason: 'expired',
      message: `The issuer reports it as inactive: it expired at ${expiresAt}.`,
      dead: true,
    };
  }
  // A token whose last verdict was "active" was revoked since; one never seen active may never have been valid there.
  const { verification, lastVerifiedAt, revocation } = ctx.record;
  const seenActive =
    verification?.outcome === 'valid' ||
    (lastVerifiedAt !== null && verification?.outcome === 'unreachable') ||
    revocation?.aliveAtRequest === true;
  return seenActive
    ? {
        outcome: 'rejected',
        reason: 'revoked',
        message:
          'The issuer reports it as inactive: it was revoked (or its grant ended) since it was last seen active.',
        dead: true,
      }
    : {
        outcome: 'rejected',
        reason: 'invalid',
        message:
          'The issuer reports it as inactive: revoked, never issued by this issuer, or this client may not introspect it (RFC 7662 gives one answer for all three).',
        dead: false,
      };
}

function active(claims: Record<string, unknown>): VerifyOutcome {
  const grantedScopes = scopesFrom(claims['scope']);
  const account = accountFrom(claims['username'], claims['sub']);
  const clientAccount = account ? null : accountFrom(claims['client_id']);
  const notes = ['The issuer reports it as active (RFC 7662 introspection).'];
  if (clientAccount) notes.push('Issued to the client itself (no user): its account is the client id.');
  if (grantedScopes === null) notes.push('The issuer did not say which scopes the token holds.');
  const outcome: VerifyOutcome = { outcome: 'valid', account: account ?? clientAccount, grantedScopes, notes };
  const expiresAt = isoFromSeconds(claims['exp']);
  // RFC 7662 makes exp optional: without it the expiry is unknown, not "never".
  if (expiresAt) outcome.expiresAt = expiresAt;
  return outcome;
}

async function verifyOAuthToken(ctx: VerifyContext): Promise<VerifyOutcome> {
  const issuer = ctx.record.baseUrl;
  if (!issuer)
    throw new CannotAskProvider(
      "An OAuth token is verified at its issuer: set the token's base URL to the issuer URL.",
    );
  const isJwt = readJwt(ctx.secret) !== null;
  const client = clientCredentialsFrom(await ctx.companion('client'));
  if (!client) {
    if (isJwt) {
      return withNote(
        await verifyJwt(ctx, issuer),
        'No client credentials stored, so Lapse checked the JWT itself; a revocation at the issuer would not show.',
      );
    }
    throw new CannotAskProvider(
      `Lapse can't verify this token without the OAuth client's credentials: add them with \`lapse oauth set ${ctx.record.id} --client-id … --client-secret-stdin\`.`,
    );
  }
  if (!client.clientSecret) {
    // RFC 7662 §2.1: the introspection endpoint requires the client's authentication.
    if (isJwt)
      return withNote(
        await verifyJwt(ctx, issuer),
        `Client ${client.clientId} is public (no secret) and may not ask the issuer, so Lapse checked the JWT against its keys; a revocation at the issuer would not show.`,
      );
    throw new CannotAskProvider(
      `Client ${client.clientId} is public (no secret), and only introspection, which needs a confidential client, can confirm an opaque token: store the client's secret with \`lapse oauth set ${ctx.record.id} --client-id … --client-secret-stdin\` if it has one.`,
    );
  }
  const metadata = await discoverIssuer(ctx.http, issuer);
  if (!metadata.introspectionEndpoint) {
    if (isJwt)
      return withNote(
        await verifyJwt(ctx, issuer),
        'The issuer offers no introspection, so Lapse checked the JWT itself.',
      );
    throw new CannotAskProvider(
      `${new URL(issuer).host} offers no introspection endpoint (RFC 7662), so Lapse cannot ask it about this opaque token.`,
    );
  }
  const answer = await introspectToken(ctx.http, metadata, client, ctx.secret);
  if (answer.kind === 'unsupported-token-type') {
    if (isJwt)
      return withNote(
        await verifyJwt(ctx, issuer),
        'The issuer does not introspect JWT access tokens, so Lapse checked the JWT against its keys.',
      );
    throw new CannotAskProvider('The issuer does not introspect this kind of token (unsupported_token_type).');
  }
  return answer.active ? active(answer.claims) : inactive(ctx);
}

/**
 * Whether the issuer shows the token active to this client right now (RFC 7662), asked before a
 * revocation: a later {active:false} is then a change this client can see, not a token it may not
 * introspect. Null when the issuer offers no introspection or cannot answer.
 */
async function activeNow(ctx: VerifyContext, issuer: string, client: ClientCredentials): Promise<boolean | null> {
  try {
    const metadata = await discoverIssuer(ctx.http, issuer);
    if (!metadata.introspectionEndpoint || !client.clientSecret) return null;
    const answer = await introspectToken(ctx.http, metadata, client, ctx.secret);
    return answer.kind === 'answer' ? answer.active : null;
  } catch (error) {
    if (error instanceof TransientFault) return null;
    throw error;
  }
}

/**
 * RFC 7009 at the issuer, with the client's credentials: the refresh token first, since revoking
 * it ends the grant at most servers (§2.1: "the authorization server SHOULD also invalidate all
 * access tokens based on the same authorization grant"), then the access token. An issuer that
 * does not revoke this kind of access token (`unsupported_token_type`, oidc-provider's answer for
 * JWT access tokens) does not stop the refresh token's revocation; that access token then lives
 * until it expires, and the check that follows says so.
 */
async function revokeOAuthToken(ctx: VerifyContext): Promise<RevokeOutcome> {
  const issuer = ctx.record.baseUrl;
  const client = clientCredentialsFrom(await ctx.companion('client'));
  if (!issuer || !client)
    return {
      outcome: 'refused',
      message: 'Lapse needs the issuer URL and the OAuth client credentials to revoke this token.',
    };
  if ((await activeNow(ctx, issuer, client)) === true) await ctx.sawAlive?.();
  const refresh = await ctx.companion('refresh');
  try {
    if (refresh) await revokeAtIssuer({ http: ctx.http, issuer, token: refresh, client, hint: 'refresh_token' });
    const access = await revokeAtIssuer({ http: ctx.http, issuer, token: ctx.secret, client, hint: 'access_token' });
    if (access === 'unsupported-token-type') {
      if (!refresh)
        return {
          outcome: 'refused',
          message:
            'The issuer does not revoke this kind of access token (unsupported_token_type, its answer for JWT access tokens), and no refresh token is stored whose revocation would end its grant.',
        };
      return {
        outcome: 'accepted',
        note: 'the refresh token is revoked, which ends the grant; the issuer does not revoke this kind of access token (unsupported_token_type), so it lives until it expires',
      };
    }
  } catch (error) {
    if (error instanceof CannotAskProvider) return { outcome: 'refused', message: error.message };
    throw error;
  }
  return { outcome: 'accepted' };
}

/** Any OAuth 2.0 / OpenID Connect issuer: introspection with the client's credentials, else the JWT's own signature. */
export const oauth2Provider: ProviderAdapter = {
  id: 'oauth2',
  defaultBaseUrl: null,
  concurrency: 4,
  verify: verifyOAuthToken,
  revoke: revokeOAuthToken,
  rotations: [oauthRefreshRotation],
  companions: oauthClientCompanions,
  checksSignature: true,
  links: {},
};
