import { checkBaseUrl, type ProviderHttp } from '../provider-http.js';
import { TransientFault } from '../transient-fault.js';
import { CannotAskProvider } from './cannot-ask-provider.js';
import { jsonObjectOf } from './oauth-error.js';

/** What Lapse uses of an issuer's metadata (RFC 8414 / OpenID Connect Discovery). */
export interface IssuerMetadata {
  issuer: string;
  tokenEndpoint: string | null;
  introspectionEndpoint: string | null;
  revocationEndpoint: string | null;
  jwksUri: string | null;
  /** Where a person authorizes a client (RFC 6749 §3.1); null where the issuer has none. */
  authorizationEndpoint: string | null;
  /** Where a device without a browser asks for a user code (RFC 8628 §4); null where the issuer has none. */
  deviceAuthorizationEndpoint: string | null;
  /** `code_challenge_methods_supported` (RFC 8414 §2), or null where the metadata does not say. */
  codeChallengeMethods: string[] | null;
  /** `scopes_supported` (RFC 8414 §2), or null where the metadata does not say. */
  scopesSupported: string[] | null;
  /**
   * How each endpoint takes the client's credentials (`*_endpoint_auth_methods_supported`), or
   * null where the metadata does not say.
   */
  authMethods: { token: string[] | null; introspection: string[] | null; revocation: string[] | null };
}

const endpointFields = {
  tokenEndpoint: 'token_endpoint',
  introspectionEndpoint: 'introspection_endpoint',
  revocationEndpoint: 'revocation_endpoint',
  jwksUri: 'jwks_uri',
  authorizationEndpoint: 'authorization_endpoint',
  deviceAuthorizationEndpoint: 'device_authorization_endpoint',
} as const;

/**
 * Issuer identifiers compare exactly, character for character: RFC 8414 §3.3 ("MUST be identical")
 * and OpenID Connect Discovery §4.3 ("MUST exactly match"). A trailing slash makes another issuer.
 */
export const sameIssuer = (a: string, b: string): boolean => a === b;

/**
 * Where an issuer's metadata may be: RFC 8414 inserts the well-known segment before the issuer's
 * path, OpenID Connect Discovery appends it.
 */
export function metadataUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/$/, '');
  return [
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    `${url.origin}${path}/.well-known/openid-configuration`,
  ];
}

const shown = (text: string) => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);

/** An auth-methods list from the metadata, or null when absent or not a list of names. */
const methodsOf = (value: unknown): string[] | null =>
  Array.isArray(value) && value.every((m) => typeof m === 'string') ? (value as string[]) : null;

/**
 * An endpoint the issuer's metadata names. RFC 8414 does not put endpoints on the issuer's own
 * origin, and big issuers do not (Google: issuer accounts.google.com, token and revocation
 * endpoints on oauth2.googleapis.com, keys on www.googleapis.com): any https origin is taken, or
 * plain http to a loopback host, never credentials in the URL. Metadata that names the exact
 * issuer Lapse asked for is the issuer's own word for where its endpoints are.
 */
function endpointOf(field: string, value: unknown): string {
  let endpoint: URL | null = null;
  try {
    endpoint = typeof value === 'string' ? checkBaseUrl(value) : null;
  } catch {
    endpoint = null;
  }
  if (!endpoint || endpoint.hash) {
    throw new CannotAskProvider(
      `The issuer's metadata gives its ${field} as ${typeof value === 'string' ? shown(value) : 'no URL'}, which Lapse will not send tokens to: it must be https (http only to 127.0.0.1, ::1 or localhost), without credentials or a fragment.`,
    );
  }
  return endpoint.href;
}

function metadataFrom(document: Record<string, unknown>, issuer: string, fetchedFrom: string): IssuerMetadata {
  const named = document['issuer'];
  if (typeof named !== 'string' || !sameIssuer(named, issuer)) {
    const only =
      typeof named === 'string' && named.replace(/\/$/, '') === issuer.replace(/\/$/, '')
        ? ` Set the base URL to exactly ${shown(named)}.`
        : ' Set the base URL to the exact issuer URL.';
    throw new CannotAskProvider(
      `The metadata at ${fetchedFrom} names the issuer ${typeof named === 'string' ? shown(named) : '(none)'}, not ${shown(issuer)}; ` +
        `Lapse refuses metadata that is not about the issuer it asked for (RFC 8414 §3.3: identical).${only}`,
    );
  }
  const metadata: IssuerMetadata = {
    issuer: named,
    tokenEndpoint: null,
    introspectionEndpoint: null,
    revocationEndpoint: null,
    jwksUri: null,
    authorizationEndpoint: null,
    deviceAuthorizationEndpoint: null,
    codeChallengeMethods: methodsOf(document['code_challenge_methods_supported']),
    scopesSupported: methodsOf(document['scopes_supported']),
    authMethods: {
      token: methodsOf(document['token_endpoint_auth_methods_supported']),
      introspection: methodsOf(document['introspection_endpoint_auth_methods_supported']),
      revocation: methodsOf(document['revocation_endpoint_auth_methods_supported']),
    },
  };
  for (const [key, field] of Object.entries(endpointFields) as [keyof typeof endpointFields, string][]) {
    const value = document[field];
    if (value !== undefined) metadata[key] = endpointOf(field, value);
  }
  return metadata;
}

/** The client for one of the issuer's endpoints: the issuer's own when on its origin, else one bound to the endpoint's origin. */
export function endpointHttp(http: ProviderHttp, endpoint: string): ProviderHttp {
  return new URL(endpoint).origin === new URL(http.baseUrl).origin ? http : http.at(endpoint);
}

async function fetchMetadata(http: ProviderHttp, issuer: string): Promise<IssuerMetadata> {
  const issuerUrl = new URL(issuer);
  if (issuerUrl.search || issuerUrl.hash)
    throw new CannotAskProvider('An OAuth issuer URL has no query or fragment; remove them from the base URL.');
  const statuses: number[] = [];
  for (const url of metadataUrls(issuer)) {
    const answer = await http.request({ method: 'GET', path: url, retry: true });
    if (answer.status !== 200) {
      statuses.push(answer.status);
      continue;
    }
    const document = jsonObjectOf(answer);
    if (!document) throw new TransientFault(`The issuer's metadata at ${url} is not a JSON object; try again later.`);
    return metadataFrom(document, issuer, url);
  }
  throw new CannotAskProvider(
    `${issuerUrl.host} publishes no OAuth metadata (RFC 8414 or OpenID Connect Discovery answered ${statuses.join(' and ')}); check that the base URL is the issuer URL.`,
  );
}

const cache = new Map<string, Promise<IssuerMetadata>>();

/**
 * The issuer's metadata, fetched once per issuer for the life of the service (concurrent verifies
 * share one fetch). A failed fetch is not remembered, so the next verify tries again.
 */
export function discoverIssuer(http: ProviderHttp, issuer: string): Promise<IssuerMetadata> {
  const key = issuer;
  const known = cache.get(key);
  if (known) return known;
  const pending = fetchMetadata(http, issuer);
  cache.set(key, pending);
  pending.catch(() => {
    if (cache.get(key) === pending) cache.delete(key);
  });
  return pending;
}
