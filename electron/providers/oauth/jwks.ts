import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import type { ProviderHttp } from '../provider-http.js';
import { TransientFault } from '../transient-fault.js';
import { CannotAskProvider } from './cannot-ask-provider.js';
import { endpointHttp } from './discovery.js';
import { jsonObjectOf } from './oauth-error.js';

/** An issuer's signing keys as jose checks signatures against them. */
export interface IssuerKeys {
  verifier: ReturnType<typeof createLocalJWKSet>;
  fetchedAt: number;
}

/** A key set is fetched again for an unknown key id at most this often (issuers rotate keys). */
export const jwksRefetchAfterMs = 30_000;

async function fetchKeys(http: ProviderHttp, jwksUri: string): Promise<IssuerKeys> {
  // Through the bounded client, not jose's own fetch: same timeouts, body cap and origin rule.
  const answer = await endpointHttp(http, jwksUri).request({ method: 'GET', path: jwksUri, retry: true });
  if (answer.status !== 200) {
    throw new CannotAskProvider(
      `The issuer's key set (jwks_uri) answered ${answer.status}; Lapse cannot check signatures without it.`,
    );
  }
  const document = jsonObjectOf(answer);
  if (!document || !Array.isArray(document['keys'])) {
    throw new TransientFault("The issuer's key set (jwks_uri) is not a JSON Web Key Set; try again later.");
  }
  try {
    return { verifier: createLocalJWKSet(document as unknown as JSONWebKeySet), fetchedAt: Date.now() };
  } catch {
    throw new TransientFault("The issuer's key set (jwks_uri) could not be read; try again later.");
  }
}

const cache = new Map<string, Promise<IssuerKeys>>();

/**
 * The keys at `jwksUri`, cached for the life of the service. `stale` (the keys that just failed to
 * match a token's key id) asks for a fresh copy, unless that copy is younger than jwksRefetchAfterMs.
 */
export function issuerKeys(http: ProviderHttp, jwksUri: string, stale?: IssuerKeys): Promise<IssuerKeys> {
  const known = cache.get(jwksUri);
  if (known && !stale) return known;
  if (known && stale && Date.now() - stale.fetchedAt < jwksRefetchAfterMs) return known;
  const pending = fetchKeys(http, jwksUri);
  cache.set(jwksUri, pending);
  pending.catch(() => {
    if (cache.get(jwksUri) === pending) cache.delete(jwksUri);
  });
  return pending;
}
