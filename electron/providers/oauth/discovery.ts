import type { ProviderHttp } from '../provider-http.js';
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
}

const endpointFields = {
  tokenEndpoint: 'token_endpoint',
  introspectionEndpoint: 'introspection_endpoint',
  revocationEndpoint: 'revocation_endpoint',
  jwksUri: 'jwks_uri',
} as const;

/** Issuer identifiers compare as given, except for one trailing slash ("https://id.example" = "https://id.example/"). */
export const sameIssuer = (a: string, b: string): boolean => a.replace(/\/$/, '') === b.replace(/\/$/, '');

/**
 * Where an issuer's metadata may be: RFC 8414 inserts the well-known segment before the issuer's
 * path, OpenID Connect Discovery appends it.
 */
export function metadataUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/$/, '');
  return [`${url.origin}/.well-known/oauth-authorization-server${path}`, `${url.origin}${path}/.well-known/openid-configuration`];
}

const shown = (text: string) => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);

function metadataFrom(document: Record<string, unknown>, issuer: string, fetchedFrom: string): IssuerMetadata {
  const named = document['issuer'];
  if (typeof named !== 'string' || !sameIssuer(named, issuer)) {
    throw new CannotAskProvider(
      `The metadata at ${fetchedFrom} names the issuer ${typeof named === 'string' ? shown(named) : '(none)'}, not ${shown(issuer)}; ` +
        'Lapse refuses metadata that is not about the issuer it asked for (RFC 8414 §3.3). Set the base URL to the exact issuer URL.',
    );
  }
  const origin = new URL(issuer).origin;
  const metadata: IssuerMetadata = { issuer: named, tokenEndpoint: null, introspectionEndpoint: null, revocationEndpoint: null, jwksUri: null };
  for (const [key, field] of Object.entries(endpointFields) as [keyof typeof endpointFields, string][]) {
    const value = document[field];
    if (value === undefined) continue;
    let endpoint: URL | null = null;
    try {
      endpoint = typeof value === 'string' ? new URL(value) : null;
    } catch {
      endpoint = null;
    }
    // Lapse sends tokens and client secrets only to the issuer's own origin.
    if (!endpoint || endpoint.origin !== origin) {
      throw new CannotAskProvider(
        `The issuer's metadata puts its ${field} ${endpoint ? `on ${endpoint.origin}` : 'at an unreadable URL'}, not on ${origin}; ` +
          'Lapse sends tokens only to the issuer itself.',
      );
    }
    metadata[key] = endpoint.href;
  }
  return metadata;
}

async function fetchMetadata(http: ProviderHttp, issuer: string): Promise<IssuerMetadata> {
  const issuerUrl = new URL(issuer);
  if (issuerUrl.search || issuerUrl.hash) throw new CannotAskProvider('An OAuth issuer URL has no query or fragment; remove them from the base URL.');
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
  const key = issuer.replace(/\/$/, '');
  const known = cache.get(key);
  if (known) return known;
  const pending = fetchMetadata(http, issuer);
  cache.set(key, pending);
  pending.catch(() => {
    if (cache.get(key) === pending) cache.delete(key);
  });
  return pending;
}
