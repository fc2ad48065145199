import { CannotAskProvider } from './cannot-ask-provider.js';
import { clientAuthentication, type ClientCredentials } from './client-credentials.js';
import type { IssuerMetadata } from './discovery.js';

/**
 * The client's credentials as one of the issuer's endpoints takes them: the endpoint's own
 * advertised methods, else the token endpoint's (RFC 8414 §2 gives no default for introspection
 * and revocation; the token endpoint's list is the issuer's nearest word).
 */
export function endpointAuth(
  metadata: IssuerMetadata,
  endpoint: 'token' | 'introspection' | 'revocation',
  client: ClientCredentials,
) {
  try {
    return clientAuthentication(client, metadata.authMethods[endpoint] ?? metadata.authMethods.token);
  } catch (error) {
    throw new CannotAskProvider(
      `Lapse cannot present the client to the issuer's ${endpoint} endpoint: ${(error as Error).message}.`,
    );
  }
}
