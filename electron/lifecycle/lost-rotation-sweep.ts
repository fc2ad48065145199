import type { TokenRecord } from '../../shared/model.js';
import { clientCredentialsFrom, type ClientCredentials } from '../providers/oauth/client-credentials.js';
import { companionAccount } from '../providers/oauth/companion-slots.js';
import { discoverIssuer } from '../providers/oauth/discovery.js';
import { introspectToken } from '../providers/oauth/introspection.js';
import { revokeAtIssuer } from '../providers/oauth/revocation.js';
import { jsonDetail, quoted, text } from '../providers/provider-answer.js';
import type { ProviderAnswer, ProviderHttp } from '../providers/provider-http.js';
import { TransientFault } from '../providers/transient-fault.js';
import { rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import type { ProviderSession } from './provider-session.js';
import type { RotationJournal } from './rotation-journal.js';

/** GitLab's clock and ours may differ by this much either way. */
const clockSkewMs = 2 * 60_000;
/** The rotate call goes out seconds after the journal's intent and gives up within its HTTP timeout (15 s): GitLab created the token inside this. */
const callWindowMs = 60_000;

interface ListedToken {
  id: number;
  name: string;
  createdAt: number;
  scopes: string[];
  expiresAt: string | null;
  userId: number | null;
}

function listedTokens(body: unknown): ListedToken[] {
  if (!Array.isArray(body)) return [];
  return body.flatMap((row: unknown) => {
    if (typeof row !== 'object' || row === null) return [];
    const r = row as Record<string, unknown>;
    const createdAt = Date.parse(text(r['created_at']) ?? '');
    if (typeof r['id'] !== 'number' || r['active'] === false || r['revoked'] === true || Number.isNaN(createdAt)) return [];
    return [{
      id: r['id'],
      name: quoted(r['name'], 80) ?? '(unnamed)',
      createdAt,
      scopes: Array.isArray(r['scopes']) ? r['scopes'].filter((s): s is string => typeof s === 'string') : [],
      expiresAt: text(r['expires_at']),
      userId: typeof r['user_id'] === 'number' ? r['user_id'] : null,
    }];
  });
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((s) => b.includes(s));
/** A fault's words inside parentheses: without their closing full stop. */
const clause = (message: string) => message.trim().replace(/\.$/, '');
const minute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** What the sweep came to: one sentence for the person, and the lost token's GitLab id when Lapse revoked it. */
export interface LostTokenSweep {
  sentence: string;
  revoked: { id: number; name: string; by: string } | null;
}

/** The lost token as GitLab lists it, for the person to find by hand: created when, with which scopes and expiry. */
function describeLost(lost: TokenRecord, journal: RotationJournal, began: number): string {
  const scopes = lost.grantedScopes?.length ? ` with the scopes ${lost.grantedScopes.join(', ')}` : '';
  const expiry = journal.expiresAt ? `, expiring ${journal.expiresAt}` : '';
  return `the token ${lost.account ? `of ${lost.account} ` : ''}that GitLab created at about ${minute(began)}${scopes}${expiry} (it has this token's name)`;
}

/**
 * GitLab rotated a token, but its answer — the only copy of the new value — died with Lapse: a
 * live token nobody holds. Another GitLab token of the same account and host in the vault, with
 * the api scope, lists that user's tokens and revokes the one this rotation issued by its id. It
 * must be the only active token of the user created within the rotate call's window (± clock
 * skew), with the lost token's scopes and the expiry asked for; with no sibling, no match or
 * several, it says exactly what to revoke by hand. Never throws on a provider fault.
 */
export async function sweepLostGitlabToken(parts: ServiceParts, session: ProviderSession, lost: TokenRecord, journal: RotationJournal): Promise<LostTokenSweep> {
  const manage = session.manageLink(lost);
  const where = manage ? ` at ${manage}` : " in GitLab's settings (Access tokens)";
  const began = Date.parse(journal.history[0]?.at ?? '') || parts.now();
  const target = describeLost(lost, journal, began);
  const byHand = (why: string): LostTokenSweep => ({ sentence: `${why} GitLab still holds a live token nobody has: revoke ${target}${where}.`, revoked: null });
  if (!lost.account) return byHand('Lapse does not know which GitLab account this token belongs to, so it cannot look for the token the lost rotation created.');
  const host = session.baseUrlOf(lost);
  const siblings = Object.values((await parts.store.read()).tokens).filter(
    (r) => r.id !== lost.id && r.provider === 'gitlab' && !r.revokedAt && r.account === lost.account && session.baseUrlOf(r) === host,
  );
  if (!siblings.length) return byHand(`No other GitLab token of ${lost.account} is in the vault to revoke the one the lost rotation created.`);
  const tried: string[] = [];
  for (const sibling of siblings) {
    let secret: string | null;
    try {
      secret = await parts.keychain.get(sibling.id);
    } catch {
      // A keychain error is not "no value" (SECURITY.md 2): this sibling cannot be used now, another may.
      tried.push(`"${sibling.label}" (the keychain did not answer)`);
      continue;
    }
    if (secret === null) continue;
    rememberSecret(secret);
    try {
      const outcome = await sweepWith(session.contextFor(sibling, secret).http, secret, lost, journal, began);
      if (outcome.kind === 'revoked') return { sentence: `GitLab had issued the new token ("${outcome.name}", id ${outcome.id}) before the answer was lost; Lapse revoked it with "${sibling.label}" and GitLab no longer lists it as active, so no live token of this rotation is left that Lapse does not know.`, revoked: { id: outcome.id, name: outcome.name, by: sibling.label } };
      if (outcome.kind === 'ambiguous') return byHand(`${outcome.count} active GitLab tokens of ${lost.account} match the lost one (ids ${outcome.ids.join(', ')}); Lapse will not guess which.`);
      if (outcome.kind === 'none') return byHand(`"${sibling.label}" found no active token of ${lost.account} that matches the lost one.`);
      tried.push(`"${sibling.label}" (${outcome.why})`);
    } catch (error) {
      if (!(error instanceof TransientFault)) throw error;
      tried.push(`"${sibling.label}" (${clause(error.message)})`);
    }
  }
  return byHand(tried.length ? `Lapse could not revoke it with ${tried.join('; ')}.` : `No other GitLab token of ${lost.account} in the vault has a value in the keychain.`);
}

type SweepOutcome =
  | { kind: 'revoked'; id: number; name: string }
  | { kind: 'none' }
  | { kind: 'ambiguous'; count: number; ids: number[] }
  | { kind: 'cannot'; why: string };

const refusal = (answer: ProviderAnswer, what: string) => {
  const body = jsonDetail(answer);
  const said = quoted(body['message']) ?? quoted(body['error_description']) ?? quoted(body['error']) ?? `HTTP ${answer.status}`;
  return answer.status === 403 ? `it may not ${what}: it needs the api scope` : `GitLab would not let it ${what}: ${said}`;
};

/** One sibling's attempt: who am I, list my user's tokens of the window, revoke the single match, confirm it is gone from the active list. */
async function sweepWith(http: ProviderHttp, secret: string, lost: TokenRecord, journal: RotationJournal, began: number): Promise<SweepOutcome> {
  const headers = { 'private-token': secret };
  const self = await http.request({ method: 'GET', path: '/api/v4/personal_access_tokens/self', headers, retry: true });
  if (self.status !== 200) return { kind: 'cannot', why: refusal(self, 'read its own record') };
  const me = jsonDetail(self);
  if (!Array.isArray(me['scopes']) || !me['scopes'].includes('api')) return { kind: 'cannot', why: 'it may not revoke other tokens: it needs the api scope' };
  const selfId = typeof me['id'] === 'number' ? me['id'] : null;
  const userId = typeof me['user_id'] === 'number' ? me['user_id'] : null;
  const from = began - clockSkewMs;
  const to = began + callWindowMs + clockSkewMs;
  // An administrator's token lists everyone's tokens: only its own user's (user_id) may be the lost one.
  const query = new URLSearchParams({ state: 'active', created_after: new Date(from).toISOString(), created_before: new Date(to).toISOString(), per_page: '100', ...(userId !== null ? { user_id: String(userId) } : {}) });
  const listing = await http.request({ method: 'GET', path: `/api/v4/personal_access_tokens?${query}`, headers, retry: true });
  if (listing.status !== 200) return { kind: 'cannot', why: refusal(listing, 'list its tokens') };
  const wanted = lost.grantedScopes ?? lost.scopes;
  const matches = (t: ListedToken) =>
    t.id !== selfId && (userId === null || t.userId === userId) && t.createdAt >= from && t.createdAt <= to && (wanted.length === 0 || sameSet(t.scopes, wanted)) && (journal.expiresAt === null || t.expiresAt === journal.expiresAt);
  const candidates = listedTokens(listing.json()).filter(matches);
  if (candidates.length === 0) return { kind: 'none' };
  if (candidates.length > 1) return { kind: 'ambiguous', count: candidates.length, ids: candidates.map((c) => c.id) };
  const [found] = candidates as [ListedToken];
  const revoked = await http.request({ method: 'DELETE', path: `/api/v4/personal_access_tokens/${found.id}`, headers, retry: true });
  // A retried DELETE whose first answer was lost meets "already revoked": the active list, not the status, decides.
  const after = await http.request({ method: 'GET', path: `/api/v4/personal_access_tokens?${query}`, headers, retry: true });
  if (after.status === 200 && !listedTokens(after.json()).some((t) => t.id === found.id)) return { kind: 'revoked', id: found.id, name: found.name };
  return { kind: 'cannot', why: revoked.status === 204 ? `GitLab still lists token id ${found.id} as active after revoking it` : `${refusal(revoked, `revoke token id ${found.id}`)}` };
}

/** What ending a lost OAuth pair's grant came to: the sentence, and whether the old access token is confirmed dead (for the audit log). */
export interface LostGrantSweep {
  sentence: string;
  oldRevoked: boolean;
}

/**
 * An issuer refreshed (rotating refresh tokens) and its answer died with Lapse: a live access and
 * refresh token nobody holds. The old refresh token is spent and is never presented again (a
 * replay). The old access token is of the same grant, and is dead to Lapse anyway: revoking it
 * (RFC 7009) ends the whole grant at issuers that tie the two (oidc-provider does), the lost pair
 * with it. Lapse never received the lost pair, so it cannot check it; it says so, and how long
 * the lost pair lives where the issuer keeps grants apart. Never throws on a provider fault.
 */
export async function sweepLostOAuthGrant(parts: ServiceParts, session: ProviderSession, lost: TokenRecord, journal: RotationJournal): Promise<LostGrantSweep> {
  const began = Date.parse(journal.history[0]?.at ?? '') || parts.now();
  const endByHand = `end this app's grant${lost.account ? ` for ${lost.account}` : ''} in the issuer's console (or wait for the lost tokens to expire)`;
  const keptApart = (lifetimeMs: number | null) =>
    `Lapse never received the lost access and refresh token, so it cannot check them: where the issuer keeps them apart from the old access token, the lost access token lives until it expires${lifetimeMs ? ` (about ${minute(began + lifetimeMs)}, if it lives as long as the old one did)` : ''} and the lost refresh token until it is used or expires; to be sure, ${endByHand}.`;
  let old: string | null;
  let client: ClientCredentials | null;
  try {
    old = await parts.keychain.get(lost.id);
    client = clientCredentialsFrom(await parts.keychain.get(companionAccount(lost.id, 'client')));
  } catch {
    return { sentence: `The keychain did not answer, so Lapse could not revoke the old access token to end the lost tokens' grant. ${keptApart(null)}`, oldRevoked: false };
  }
  if (old === null || client === null || !lost.baseUrl) {
    return { sentence: `Without the old access token, the client credentials and the issuer URL, Lapse cannot end the lost tokens' grant. ${keptApart(null)}`, oldRevoked: false };
  }
  rememberSecret(old);
  if (client.clientSecret) rememberSecret(client.clientSecret);
  const { http } = session.contextFor(lost, old);
  let lifetimeMs: number | null = null;
  try {
    const metadata = await discoverIssuer(http, lost.baseUrl);
    const ask = async () => (metadata.introspectionEndpoint && client ? await introspectToken(http, metadata, client, old) : null);
    // Its lifetime (RFC 7662 iat/exp) estimates the lost access token's: issued by the same issuer moments later.
    const before = await ask();
    if (before?.kind === 'answer' && typeof before.claims['exp'] === 'number' && typeof before.claims['iat'] === 'number') {
      lifetimeMs = (before.claims['exp'] - before.claims['iat']) * 1000;
    }
    // Already inactive (expired): the issuer no longer ties it to the grant, so revoking it cannot end the lost tokens.
    if (before?.kind === 'answer' && !before.active) return { sentence: `The old access token is no longer active at the issuer, so revoking it cannot end the lost tokens' grant. ${keptApart(null)}`, oldRevoked: false };
    const revoked = await revokeAtIssuer({ http, issuer: lost.baseUrl, token: old, client, hint: 'access_token' });
    if (revoked === 'unsupported-token-type') return { sentence: `The issuer does not revoke this kind of access token (unsupported_token_type), so Lapse could not end the lost tokens' grant through it. ${keptApart(lifetimeMs)}`, oldRevoked: false };
    const after = await ask();
    const dead = after?.kind === 'answer' && !after.active;
    const said = dead ? 'the issuer now reports it inactive' : 'the issuer accepted the revocation, but offers no introspection to confirm it';
    return {
      sentence: `Lapse revoked the old access token of the same grant (${said}): an issuer that ends the whole grant with it, as oidc-provider does, has ended the lost tokens too. ${keptApart(lifetimeMs)}`,
      oldRevoked: dead,
    };
  } catch (error) {
    if (!(error instanceof TransientFault)) throw error;
    return { sentence: `Lapse could not revoke the old access token to end the lost tokens' grant (${clause(error.message)}). ${keptApart(lifetimeMs)}`, oldRevoked: false };
  }
}

/** How long Slack's rotating access tokens live (expires_in 43200). */
export const slackAccessLifetimeMs = 12 * 3_600_000;

/** A lost Slack refresh: its new access token cannot be revoked by anything Lapse holds; when it dies. */
export function lostSlackTokenSentence(journal: RotationJournal, now: number): string {
  const began = Date.parse(journal.history[0]?.at ?? '') || now;
  return `The new access token Slack issued in that refresh was lost too, and nothing Lapse holds can revoke it (auth.revoke needs that token itself, and the refresh token is spent): it stays live until it expires, by about ${minute(began + slackAccessLifetimeMs)} (12 hours after the refresh). Removing the app from the workspace ends it sooner, with every other token of the app.`;
}
