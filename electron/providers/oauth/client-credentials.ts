/** An OAuth client's id and secret, as the `client` companion slot keeps them ("id:secret"). */
export interface ClientCredentials {
  clientId: string;
  /** Empty for a public client (it authenticates with its id alone). */
  clientSecret: string;
}

/** The companion slot's value as credentials; null when absent or not "id:secret". */
export function clientCredentialsFrom(stored: string | null): ClientCredentials | null {
  if (!stored) return null;
  const colon = stored.indexOf(':');
  if (colon <= 0) return null;
  return { clientId: stored.slice(0, colon), clientSecret: stored.slice(colon + 1) };
}

/** What the companion slot stores. Client ids never contain ':' (the contract refuses them). */
export const storedClientCredentials = ({ clientId, clientSecret }: ClientCredentials): string =>
  `${clientId}:${clientSecret}`;

const formEncode = (value: string) => new URLSearchParams([['v', value]]).toString().slice(2);

/** The ways Lapse can present a client (RFC 6749 §2.3.1; OpenID Connect Core §9: `none` for a public client). */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

/**
 * How the client authenticates at an endpoint: by a method the issuer advertises for it
 * (`*_endpoint_auth_methods_supported`, RFC 8414 §2; where an endpoint's own list is absent, the
 * token endpoint's; where that is absent too, RFC 8414's default `client_secret_basic`). A
 * confidential client prefers HTTP Basic with id and secret form-encoded first (RFC 6749 §2.3.1),
 * else both in the body; a public client sends its id in the body. Throws a plain Error naming the
 * methods when the issuer takes none Lapse can send (e.g. only private_key_jwt).
 */
export function clientAuthentication(
  client: ClientCredentials,
  advertised: string[] | null = null,
): { headers: Record<string, string>; form: Record<string, string>; method: ClientAuthMethod } {
  const methods = advertised ?? ['client_secret_basic'];
  if (!client.clientSecret) {
    if (advertised && !advertised.includes('none'))
      throw new Error(
        `the issuer takes ${advertised.join(', ')} here, and a public client (no secret) can send none of them`,
      );
    return { headers: {}, form: { client_id: client.clientId }, method: 'none' };
  }
  if (methods.includes('client_secret_basic')) {
    const basic = Buffer.from(`${formEncode(client.clientId)}:${formEncode(client.clientSecret)}`).toString('base64');
    return { headers: { authorization: `Basic ${basic}` }, form: {}, method: 'client_secret_basic' };
  }
  if (methods.includes('client_secret_post'))
    return {
      headers: {},
      form: { client_id: client.clientId, client_secret: client.clientSecret },
      method: 'client_secret_post',
    };
  throw new Error(
    `the issuer takes only ${methods.join(', ') || 'no method'} here; Lapse sends client_secret_basic or client_secret_post`,
  );
}
