import type { ProviderHttp } from '../provider-http.js';
import { TransientFault } from '../transient-fault.js';
import { CannotAskProvider } from './cannot-ask-provider.js';
import { clientAuthentication, type ClientCredentials } from './client-credentials.js';
import { discoverIssuer } from './discovery.js';
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
 * Revoke a token at its issuer (RFC 7009). Resolves once the issuer said 200, which it says even
 * for tokens it does not know; a 503 or any fault means the token must be assumed still valid.
 * Retried like a read: revoking twice is harmless.
 */
export async function revokeAtIssuer({ http, issuer, token, client, hint }: RevocationRequest): Promise<void> {
  const metadata = await discoverIssuer(http, issuer);
  if (!metadata.revocationEndpoint) {
    throw new CannotAskProvider(`${new URL(issuer).host} publishes no revocation_endpoint (RFC 7009): revoke the token in its own console.`);
  }
  const auth = clientAuthentication(client);
  const answer = await http.request({
    method: 'POST',
    path: metadata.revocationEndpoint,
    headers: auth.headers,
    body: new URLSearchParams({ token, ...(hint ? { token_type_hint: hint } : {}), ...auth.form }),
    retry: true,
  });
  if (answer.status === 200) return;
  const error = oauthErrorCode(answer);
  if (answer.status === 401 || error === 'invalid_client') {
    throw new CannotAskProvider(`The issuer refused the client credentials stored for this token (${error ?? answer.status}); the token is still live.`);
  }
  if (answer.status >= 400 && answer.status < 500) {
    throw new CannotAskProvider(`The issuer would not revoke the token (${error ?? answer.status}); it is still live.`);
  }
  throw new TransientFault(`The issuer's revocation_endpoint answered ${answer.status}; the token is still live, try again later.`);
}
