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
export const storedClientCredentials = ({ clientId, clientSecret }: ClientCredentials): string => `${clientId}:${clientSecret}`;

const formEncode = (value: string) => new URLSearchParams([['v', value]]).toString().slice(2);

/**
 * How the client authenticates at the token, introspection and revocation endpoints: HTTP Basic
 * with id and secret form-encoded first (RFC 6749 §2.3.1), or, for a public client, its id in the body.
 */
export function clientAuthentication(client: ClientCredentials): { headers: Record<string, string>; form: Record<string, string> } {
  if (!client.clientSecret) return { headers: {}, form: { client_id: client.clientId } };
  const basic = Buffer.from(`${formEncode(client.clientId)}:${formEncode(client.clientSecret)}`).toString('base64');
  return { headers: { authorization: `Basic ${basic}` }, form: {} };
}
