import { secretProblem } from '../../../shared/secret-rules.js';
import { rememberSecret } from '../../redact.js';
import type { ProviderHttp } from '../provider-http.js';
import { TransientFault } from '../transient-fault.js';
import { CannotAskProvider } from './cannot-ask-provider.js';
import type { ClientCredentials } from './client-credentials.js';
import { discoverIssuer, endpointHttp } from './discovery.js';
import { endpointAuth } from './endpoint-auth.js';
import { jsonObjectOf, oauthErrorCode } from './oauth-error.js';
import { scopesFrom } from './token-facts.js';

export interface RefreshRequest {
  /** Bound to the issuer's base URL. */
  http: ProviderHttp;
  issuer: string;
  refreshToken: string;
  client: ClientCredentials;
  /** Ask for fewer scopes than were granted (RFC 6749 §6); never more. */
  scope?: string[];
}

/** What the token endpoint issued. The caller persists it before anything else (docs/SECURITY.md, 'Rotation survives a crash'). */
export interface RefreshedTokens {
  accessToken: string;
  /** A new refresh token: the old one is now dead and must be discarded (RFC 6749 §6, RFC 9700). */
  refreshToken?: string;
  /** Seconds; null when the issuer did not say. */
  expiresIn: number | null;
  /** The granted scopes; null when the issuer did not say (then they equal the old ones). */
  scope: string[] | null;
}

/**
 * The issuer refused the refresh (RFC 6749 §5.2). `invalid_grant` is authoritative: the refresh
 * token is expired, revoked or already used, and only a new authorization helps.
 */
export class RefreshRefused extends Error {
  constructor(
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = 'RefreshRefused';
  }
}

/**
 * The refresh request may have reached the issuer but no usable answer came back. The old refresh
 * token may already be spent: do not send it again (a rotating issuer would revoke the whole grant).
 */
export class RefreshOutcomeUnknown extends TransientFault {
  constructor(
    /** What went wrong, without the advice that follows it. */
    readonly why: string,
    retryAt: number | null = null,
  ) {
    super(
      `${why} The refresh token may already have been used, so Lapse will not send it again; check the token and re-authorize if it no longer works.`,
      retryAt,
    );
    this.name = 'RefreshOutcomeUnknown';
  }
}

const refusals: Record<string, string> = {
  invalid_grant: 'the refresh token is expired, revoked or already used; authorize again to get a new one',
  invalid_client: 'it refused the client credentials; update them with `lapse oauth set`',
  unauthorized_client: 'this client may not use refresh tokens',
  unsupported_grant_type: 'it does not offer refresh tokens',
  invalid_scope: 'the scopes asked for exceed those originally granted',
  invalid_request: 'it found the request malformed',
};

/**
 * Exchange a refresh token for a new access token (RFC 6749 §6) at the issuer's token endpoint.
 * Sent once, never retried: with rotation (RFC 9700 §4.14.2) a replayed refresh token revokes the grant.
 * Persists nothing; the new secrets are remembered for redaction only.
 */
export async function refreshAccessToken(request: RefreshRequest): Promise<RefreshedTokens> {
  const { http, issuer, refreshToken, client, scope } = request;
  const metadata = await discoverIssuer(http, issuer);
  if (!metadata.tokenEndpoint)
    throw new CannotAskProvider(
      `${new URL(issuer).host} publishes no token_endpoint, so Lapse cannot refresh this token.`,
    );
  const auth = endpointAuth(metadata, 'token', client);
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, ...auth.form });
  if (scope?.length) form.set('scope', scope.join(' '));

  let answer;
  try {
    answer = await endpointHttp(http, metadata.tokenEndpoint).request({
      method: 'POST',
      path: metadata.tokenEndpoint,
      headers: auth.headers,
      body: form,
      retry: false,
    });
  } catch (error) {
    // Turned away for its rate limit: the issuer never looked at the refresh token, so it is unspent.
    if (error instanceof TransientFault && error.rateLimited) throw error;
    if (error instanceof TransientFault) throw new RefreshOutcomeUnknown(error.message, error.retryAt);
    throw error;
  }

  if (answer.status === 200) {
    const body = jsonObjectOf(answer);
    const accessToken = body?.['access_token'];
    const newRefresh = body?.['refresh_token'];
    if (
      typeof accessToken !== 'string' ||
      secretProblem(accessToken) ||
      (newRefresh !== undefined && (typeof newRefresh !== 'string' || secretProblem(newRefresh)))
    ) {
      throw new RefreshOutcomeUnknown('The issuer answered the refresh with no usable access token.');
    }
    rememberSecret(accessToken);
    if (typeof newRefresh === 'string') rememberSecret(newRefresh);
    // A number by RFC 6749 §5.1, but some servers send it as a string ("3600").
    const raw = body?.['expires_in'];
    const expiresIn = typeof raw === 'string' && /^\d{1,10}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    const refreshed: RefreshedTokens = {
      accessToken,
      expiresIn: typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn >= 0 ? expiresIn : null,
      scope: scopesFrom(body?.['scope']),
    };
    if (typeof newRefresh === 'string') refreshed.refreshToken = newRefresh;
    return refreshed;
  }
  const error = oauthErrorCode(answer) ?? (answer.status === 401 ? 'invalid_client' : null);
  if ((answer.status === 400 || answer.status === 401) && error) {
    throw new RefreshRefused(
      error,
      `The issuer refused the refresh (${error}): ${refusals[error] ?? 'see its documentation'}.`,
    );
  }
  // Any other 4xx refused the request before using the refresh token.
  if (answer.status >= 400)
    throw new CannotAskProvider(`The issuer's token_endpoint answered ${answer.status}; check the issuer URL.`);
  throw new RefreshOutcomeUnknown(`The issuer's token_endpoint answered ${answer.status}.`);
}
