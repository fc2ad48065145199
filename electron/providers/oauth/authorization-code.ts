import type { ProviderHttp } from '../provider-http.js';
import { TransientFault } from '../transient-fault.js';
import { CannotAskProvider } from './cannot-ask-provider.js';
import type { ClientCredentials } from './client-credentials.js';
import { endpointHttp, type IssuerMetadata } from './discovery.js';
import { endpointAuth } from './endpoint-auth.js';
import { issuedGrantOf, type IssuedGrant } from './issued-grant.js';
import { oauthErrorCode } from './oauth-error.js';

/** The authorization request (RFC 6749 §4.1.1) with PKCE S256 (RFC 7636 §4.3) and a state. */
export function authorizationUrl(
  metadata: IssuerMetadata,
  request: { clientId: string; redirectUri: string; scopes: string[]; state: string; challenge: string },
): string {
  if (!metadata.authorizationEndpoint)
    throw new CannotAskProvider(
      `${new URL(metadata.issuer).host} publishes no authorization_endpoint, so a person cannot authorize Lapse there; try --device if it offers the device flow.`,
    );
  if (metadata.codeChallengeMethods && !metadata.codeChallengeMethods.includes('S256')) {
    throw new CannotAskProvider(
      `The issuer does not take PKCE with S256 (it lists ${metadata.codeChallengeMethods.join(', ') || 'none'}), which Lapse needs to keep the code safe on this machine (RFC 8252 §8.1).`,
    );
  }
  const url = new URL(metadata.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  if (request.scopes.length) url.searchParams.set('scope', request.scopes.join(' '));
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', request.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  // OpenID Connect Core §11: a request for offline_access (a refresh token) must ask for consent.
  if (request.scopes.includes('offline_access')) url.searchParams.set('prompt', 'consent');
  return url.href;
}

const refusals: Record<string, string> = {
  invalid_grant:
    'the code is expired, already used, or was not issued for this PKCE verifier and redirect; start the authorization again',
  invalid_client: 'it refused the client credentials; check the client id and secret',
  unauthorized_client: 'this client may not use the authorization code grant; enable it for the client at the issuer',
  invalid_request: 'it found the request malformed',
};

/**
 * The code for tokens at the token endpoint (RFC 6749 §4.1.3) with the PKCE verifier (RFC 7636
 * §4.5). Sent once: a code is single-use, and a replay makes the issuer revoke what it issued (§4.1.2).
 */
export async function exchangeCode(
  http: ProviderHttp,
  metadata: IssuerMetadata,
  client: ClientCredentials,
  exchange: { code: string; redirectUri: string; verifier: string },
): Promise<IssuedGrant> {
  if (!metadata.tokenEndpoint)
    throw new CannotAskProvider(`${new URL(metadata.issuer).host} publishes no token_endpoint.`);
  const auth = endpointAuth(metadata, 'token', client);
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: exchange.code,
    redirect_uri: exchange.redirectUri,
    code_verifier: exchange.verifier,
    ...auth.form,
  });
  const answer = await endpointHttp(http, metadata.tokenEndpoint).request({
    method: 'POST',
    path: metadata.tokenEndpoint,
    headers: auth.headers,
    body: form,
    retry: false,
  });
  if (answer.status === 200) {
    const grant = issuedGrantOf(answer);
    if (!grant)
      throw new TransientFault(
        'The issuer answered the code exchange with no usable access token; start the authorization again.',
      );
    return grant;
  }
  const error = oauthErrorCode(answer) ?? (answer.status === 401 ? 'invalid_client' : null);
  if (error)
    throw new CannotAskProvider(
      `The issuer refused the code (${error}): ${refusals[error] ?? 'see its documentation'}.`,
    );
  throw new TransientFault(
    `The issuer's token_endpoint answered ${answer.status}; start the authorization again later.`,
  );
}
