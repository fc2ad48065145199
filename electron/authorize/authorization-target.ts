import type { StartAuthorizationInput } from '../../shared/contract/authorize-calls.js';
import { readJwt } from '../../shared/formats.js';
import type { TokenRecord } from '../../shared/model.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { tokenNotFound } from '../not-found.js';
import { clientCredentialsFrom, type ClientCredentials } from '../providers/oauth/client-credentials.js';
import { rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { companionAccount } from '../vault/token-slots.js';
import { beyondPurpose, widerWarning } from './scope-purpose.js';

/** What a flow is about: a new token's facts, or the token being reauthorized. */
export type Target = { kind: 'new'; label: string; purpose: string } | { kind: 'reauthorize'; record: TokenRecord };

/** Where to authorize, as which client, for which scopes, and what the grant is for. */
export interface ResolvedAuthorization {
  issuer: string;
  client: ClientCredentials;
  asked: string[];
  target: Target;
}

/** A token to reauthorize: an OAuth token with its issuer, its client (a public one only for JWT access tokens), and no scope beyond its purpose unless allowed. */
async function reauthorizing(
  { store, keychain }: ServiceParts,
  tokenId: string,
  input: StartAuthorizationInput,
): Promise<Result<ResolvedAuthorization>> {
  const all = await store.read();
  const record = all.tokens[tokenId];
  if (!record) return tokenNotFound(tokenId);
  if (record.revokedAt)
    return fail('invalid-input', 'This token is revoked; authorize a new one instead (lapse authorize).');
  if (record.provider !== 'oauth2')
    return fail(
      'invalid-input',
      `${record.label} is not an OAuth token: its provider issues personal tokens by hand. Follow the guide (lapse reauthorize shows it) to create the replacement.`,
    );
  if (!record.baseUrl)
    return fail('invalid-input', "Set this token's base URL to its issuer first (lapse edit ID --base-url ISSUER).");
  const client = clientCredentialsFrom(await keychain.get(companionAccount(record.id, 'client')));
  if (!client)
    return fail(
      'invalid-input',
      `Lapse needs the OAuth client this token was issued to: lapse oauth set ${record.id.slice(0, 8)} --client-id … --client-secret-stdin.`,
    );
  // A public client (no secret) may not introspect (RFC 7662 §2.1): a new grant is then confirmed
  // by its JWT signature, which an opaque access token does not carry.
  if (!client.clientSecret && readJwt((await keychain.get(record.id)) ?? '') === null)
    return fail(
      'invalid-input',
      `${record.label} is an opaque access token, and its client ${client.clientId} is public (no secret): only introspection, which needs a confidential client, could confirm a new grant. Store the client's secret (lapse oauth set ${record.id.slice(0, 8)} --client-id … --client-secret-stdin) if it has one.`,
    );
  const asked = input.scopes ?? record.scopes;
  const beyond = beyondPurpose(asked, record.scopes);
  if (beyond.length && !input.widerThanPurpose) return fail('invalid-input', widerWarning(beyond, record.scopes));
  return ok({ issuer: record.baseUrl, client, asked, target: { kind: 'reauthorize', record } });
}

/** What a start of authorization asks for: a token to reauthorize, or a new token at the issuer given. */
export async function resolveAuthorization(
  parts: ServiceParts,
  input: StartAuthorizationInput,
): Promise<Result<ResolvedAuthorization>> {
  if (input.tokenId !== undefined) return reauthorizing(parts, input.tokenId, input);
  const issuer = input.issuer ?? '';
  const client: ClientCredentials = { clientId: input.clientId ?? '', clientSecret: input.clientSecret ?? '' };
  if (client.clientSecret) rememberSecret(client.clientSecret);
  const asked = input.scopes ?? [];
  const label = input.label ?? `${new URL(issuer).host} ${asked.join(' ')}`.trim().slice(0, 100);
  return ok({ issuer, client, asked, target: { kind: 'new', label, purpose: input.purpose ?? '' } });
}
