import type { ProviderHttp } from '../provider-http.js';
import { TransientFault } from '../transient-fault.js';
import { CannotAskProvider } from './cannot-ask-provider.js';
import type { ClientCredentials } from './client-credentials.js';
import { discoverIssuer, endpointHttp } from './discovery.js';
import { endpointAuth } from './endpoint-auth.js';
import { oauthErrorCode } from './oauth-error.js';

export interface RevocationRequest {
  /** Bound to the issuer's base URL. */
  http: ProviderHttp;
  issuer: string;
  token: string;
  client: ClientCredentials;
  hint?: 'access_token' | 'refresh_token';
}

/**
 * Revoke a token at its issuer (RFC 7009). `revoked` once the issuer said 200, which it says even
 * for tokens it does not know; `unsupported-token-type` for RFC 7009 §2.2.1's 400 (oidc-provider
 * answers it for JWT access tokens): nothing was revoked, and the caller may go on with another
 * token of the grant. A 503 or any fault means the token must be assumed still valid. Retried like
 * a read: revoking twice is harmless.
 */
export async function revokeAtIssuer({
  http,
  issuer,
  token,
  client,
  hint,
}: RevocationRequest): Promise<'revoked' | 'unsupported-token-type'> {
  const metadata = await discoverIssuer(http, issuer);
  if (!metadata.revocationEndpoint) {
    throw new CannotAskProvider(
      `${new URL(issuer).host} publishes no revocation_endpoint (RFC 7009): revoke the token in its own console.`,
    );
  }
  const auth = endpointAuth(metadata, 'revocation', client);
  const answer = await endpointHttp(http, metadata.revocationEndpoint).request({
    method: 'POST',
    path: metadata.revocationEndpoint,
    headers: auth.headers,
    body: new URLSearchParams({ token, ...(hint ? { token_type_hint: hint } : {}), ...auth.form }),
    retry: true,
  });
  if (answer.status === 200) return 'revoked';
  const error = oauthErrorCode(answer);
  if (answer.status === 400 && error === 'unsupported_token_type') return 'unsupported-token-type';
  if (answer.status === 401 || error === 'invalid_client') {
    throw new CannotAskProvider(
      `The issuer refused the client credentials stored for this token (${error ?? answer.status}); the token is still live.`,
    );
  }
  if (answer.status >= 400 && answer.status < 500) {
    throw new CannotAskProvider(`The issuer would not revoke the token (${error ?? answer.status}); it is still live.`);
  }
  throw new TransientFault(
    `The issuer's revocation_endpoint answered ${answer.status}; the token is still live, try again later.`,
  );
}
