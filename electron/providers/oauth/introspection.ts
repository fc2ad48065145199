import type { ProviderHttp } from '../provider-http.js';
import { TransientFault } from '../transient-fault.js';
import { CannotAskProvider } from './cannot-ask-provider.js';
import type { ClientCredentials } from './client-credentials.js';
import { endpointHttp, type IssuerMetadata } from './discovery.js';
import { endpointAuth } from './endpoint-auth.js';
import { jsonObjectOf, oauthErrorCode } from './oauth-error.js';

/** The issuer's RFC 7662 answer, or its refusal to introspect this kind of token (e.g. a JWT). */
export type Introspection =
  { kind: 'answer'; active: boolean; claims: Record<string, unknown> } | { kind: 'unsupported-token-type' };

const updateHint = 'update them with `lapse oauth set ID --client-id … --client-secret-stdin`';

/** POST the token to the introspection endpoint (which may sit on another host), authenticated as the client (RFC 7662 §2). */
export async function introspectToken(
  http: ProviderHttp,
  metadata: IssuerMetadata,
  client: ClientCredentials,
  token: string,
  hint: 'access_token' | 'refresh_token' = 'access_token',
): Promise<Introspection> {
  const endpoint = metadata.introspectionEndpoint;
  if (!endpoint)
    throw new CannotAskProvider(`${new URL(metadata.issuer).host} offers no introspection endpoint (RFC 7662).`);
  if (!client.clientSecret) {
    throw new CannotAskProvider(
      `Introspection needs a confidential client, and the stored client ${client.clientId} has no secret; ${updateHint}.`,
    );
  }
  const auth = endpointAuth(metadata, 'introspection', client);
  const answer = await endpointHttp(http, endpoint).request({
    method: 'POST',
    path: endpoint,
    headers: auth.headers,
    body: new URLSearchParams({ token, token_type_hint: hint, ...auth.form }),
    retry: true,
  });
  const error = oauthErrorCode(answer);
  if (answer.status === 200) {
    const body = jsonObjectOf(answer);
    if (!body || typeof body['active'] !== 'boolean') {
      throw new TransientFault("The issuer's introspection answer has no active field; try again later.");
    }
    return { kind: 'answer', active: body['active'], claims: body };
  }
  if (answer.status === 400 && error === 'unsupported_token_type') return { kind: 'unsupported-token-type' };
  if (answer.status === 401 || error === 'invalid_client') {
    throw new CannotAskProvider(
      `The issuer refused the client credentials stored for this token (${error ?? answer.status}); ${updateHint}.`,
    );
  }
  if (answer.status === 403) {
    throw new CannotAskProvider(
      `The issuer does not let client ${client.clientId} introspect this token (403); use the credentials of the client it was issued to.`,
    );
  }
  throw new CannotAskProvider(
    `The issuer's introspection endpoint answered ${answer.status}${error ? ` (${error})` : ''}; Lapse could not learn whether the token is active.`,
  );
}
