import type { AuthorizationOutcome } from '../../shared/contract/authorize-calls.js';
import type { VerifyApi } from '../../shared/contract/verify-calls.js';
import { recordAudit } from '../audit/audit-log.js';
import { storedClientCredentials, type ClientCredentials } from '../providers/oauth/client-credentials.js';
import type { IssuedGrant } from '../providers/oauth/issued-grant.js';
import type { ProviderSession } from '../providers/provider-session.js';
import type { ServiceParts } from '../service-parts.js';
import { addTokenCall } from '../vault/add-token.js';
import { companionAccount } from '../vault/token-slots.js';
import { viewToken } from '../vault/token-view.js';
import { failedAuthorization } from './authorization-outcomes.js';
import type { Target } from './authorization-target.js';
import { replaceGrant } from './replace-grant.js';

/** Scopes about the grant itself, not about what the token may do. */
const grantScopes = new Set(['offline_access', 'openid']);

/** What keeping a grant needs: the service parts, its provider session, and verify (a new token is verified at once). */
export interface GrantKeeping {
  parts: ServiceParts;
  session: ProviderSession;
  verify: VerifyApi;
}

/** A new grant becomes a new token: access token as its value, client and refresh token beside it, then verified at the issuer. */
async function issueToken(
  { parts, verify }: GrantKeeping,
  issuer: string,
  client: ClientCredentials,
  grant: IssuedGrant,
  asked: string[],
  target: Extract<Target, { kind: 'new' }>,
): Promise<AuthorizationOutcome> {
  const { store, keychain, now } = parts;
  const expiresAt = grant.expiresIn !== null ? new Date(now() + grant.expiresIn * 1000).toISOString() : 'unknown';
  const added = await addTokenCall(parts)({
    secret: grant.accessToken,
    label: target.label,
    provider: 'oauth2',
    scopes: asked,
    purpose: target.purpose,
    baseUrl: issuer,
    expiresAt,
  });
  if (!added.ok)
    return failedAuthorization(`The issuer granted the token, but Lapse could not keep it: ${added.error.message}`);
  const id = added.value.id;
  await keychain.set(companionAccount(id, 'client'), storedClientCredentials(client));
  if (grant.refreshToken) await keychain.set(companionAccount(id, 'refresh'), grant.refreshToken);
  const notes: string[] = [];
  if (!grant.refreshToken)
    notes.push('The issuer gave no refresh token, so this token cannot be refreshed; reauthorize it when it expires.');
  const checked = await verify.verifyToken({ id });
  if (!checked.ok) notes.push(`Lapse could not verify it yet: ${checked.error.message}`);
  recordAudit(store, {
    event: 'added',
    tokenId: id,
    label: target.label,
    detail: `Authorized at ${issuer} for ${asked.join(' ') || "the issuer's default scopes"}${grant.refreshToken ? ', with a refresh token' : ''}.`,
    at: now(),
  });
  const all = await store.read();
  const record = all.tokens[id];
  if (!record) return failedAuthorization('The new token is gone from the vault.');
  const granted = record.grantedScopes ?? grant.scope;
  const extra = granted ? granted.filter((s) => !asked.includes(s) && !grantScopes.has(s)) : [];
  if (extra.length)
    notes.push(
      `The issuer granted more than was asked: ${extra.join(', ')}. Reauthorize it with the declared scopes, or revoke it.`,
    );
  return {
    state: 'issued',
    token: viewToken(record, now(), all.policy),
    message: `Authorized: "${record.label}" (${record.masked}) is in the OS keychain.`,
    notes,
  };
}

/** A granted authorization kept: a new token, or the new value of the token reauthorized (replace-grant.ts). */
export async function keepGrant(
  keeping: GrantKeeping,
  issuer: string,
  client: ClientCredentials,
  grant: IssuedGrant,
  asked: string[],
  target: Target,
): Promise<AuthorizationOutcome> {
  if (target.kind === 'new') return issueToken(keeping, issuer, client, grant, asked, target);
  const { parts, session } = keeping;
  const replaced = await replaceGrant(parts, session, target.record.id, grant, asked);
  if (!replaced.ok) return failedAuthorization(replaced.message);
  const all = await parts.store.read();
  return {
    state: 'reauthorized',
    token: viewToken(replaced.record, parts.now(), all.policy),
    message: `Reauthorized: "${replaced.record.label}" holds ${asked.join(', ') || "the issuer's default scopes"}, verified; the old grant is ${replaced.notes.length ? 'to be revoked' : 'revoked and confirmed dead'}.`,
    notes: replaced.notes,
  };
}
