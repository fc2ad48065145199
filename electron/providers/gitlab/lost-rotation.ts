import type { TokenRecord } from '../../../shared/model.js';
import { rememberSecret } from '../../redact.js';
import { jsonDetail, quoted } from '../provider-answer.js';
import type { ProviderAnswer, ProviderHttp } from '../provider-http.js';
import type { LostRotation, LostSweep, RotationHelp } from '../rotation.js';
import { TransientFault } from '../transient-fault.js';
import { listedGitlabTokens, type ListedGitlabToken } from './token-list.js';
import { gitlabAuth } from './verify.js';

/** GitLab's clock and ours may differ by this much either way. */
const clockSkewMs = 2 * 60_000;
/** The rotate call goes out seconds after the journal's intent and gives up within its HTTP timeout (15 s): GitLab created the token inside this. */
const callWindowMs = 60_000;

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((s) => b.includes(s));
/** A fault's words inside parentheses: without their closing full stop. */
const clause = (message: string) => message.trim().replace(/\.$/, '');
const minute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The lost token as GitLab lists it, for the person to find by hand: created when, with which scopes and expiry. */
function describeLost(lost: TokenRecord, rotation: LostRotation, began: number): string {
  const scopes = lost.grantedScopes?.length ? ` with the scopes ${lost.grantedScopes.join(', ')}` : '';
  const expiry = rotation.expiresAt ? `, expiring ${rotation.expiresAt}` : '';
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
export async function sweepLostGitlabToken(
  { parts, session }: RotationHelp,
  lost: TokenRecord,
  rotation: LostRotation,
): Promise<LostSweep> {
  const manage = session.manageLink(lost);
  const where = manage ? ` at ${manage}` : " in GitLab's settings (Access tokens)";
  const began = rotation.startedAt;
  const target = describeLost(lost, rotation, began);
  const byHand = (why: string): LostSweep => ({
    sentence: `${why} GitLab still holds a live token nobody has: revoke ${target}${where}.`,
    audit: null,
  });
  if (!lost.account)
    return byHand(
      'Lapse does not know which GitLab account this token belongs to, so it cannot look for the token the lost rotation created.',
    );
  const host = session.baseUrlOf(lost);
  const siblings = Object.values((await parts.store.read()).tokens).filter(
    (r) =>
      r.id !== lost.id &&
      r.provider === 'gitlab' &&
      !r.revokedAt &&
      r.account === lost.account &&
      session.baseUrlOf(r) === host,
  );
  if (!siblings.length)
    return byHand(
      `No other GitLab token of ${lost.account} is in the vault to revoke the one the lost rotation created.`,
    );
  const tried: string[] = [];
  for (const sibling of siblings) {
    let secret: string | null;
    try {
      secret = await parts.keychain.get(sibling.id);
    } catch {
      // A keychain error is not "no value" (docs/SECURITY.md, 'The keychain'): this sibling cannot be used now, another may.
      tried.push(`"${sibling.label}" (the keychain did not answer)`);
      continue;
    }
    if (secret === null) continue;
    rememberSecret(secret);
    try {
      const outcome = await sweepWith(session.contextFor(sibling, secret).http, secret, lost, rotation, began);
      if (outcome.kind === 'revoked') {
        return {
          sentence: `GitLab had issued the new token ("${outcome.name}", id ${outcome.id}) before the answer was lost; Lapse revoked it with "${sibling.label}" and GitLab no longer lists it as active, so no live token of this rotation is left that Lapse does not know.`,
          audit: `The token GitLab issued in the lost rotation (GitLab token id ${outcome.id}, "${outcome.name}") is revoked, with "${sibling.label}"; GitLab no longer lists it as active.`,
        };
      }
      if (outcome.kind === 'ambiguous')
        return byHand(
          `${outcome.count} active GitLab tokens of ${lost.account} match the lost one (ids ${outcome.ids.join(', ')}); Lapse will not guess which.`,
        );
      if (outcome.kind === 'none')
        return byHand(`"${sibling.label}" found no active token of ${lost.account} that matches the lost one.`);
      tried.push(`"${sibling.label}" (${outcome.why})`);
    } catch (error) {
      if (!(error instanceof TransientFault)) throw error;
      tried.push(`"${sibling.label}" (${clause(error.message)})`);
    }
  }
  return byHand(
    tried.length
      ? `Lapse could not revoke it with ${tried.join('; ')}.`
      : `No other GitLab token of ${lost.account} in the vault has a value in the keychain.`,
  );
}

type SweepOutcome =
  | { kind: 'revoked'; id: number; name: string }
  | { kind: 'none' }
  | { kind: 'ambiguous'; count: number; ids: number[] }
  | { kind: 'cannot'; why: string };

const refusal = (answer: ProviderAnswer, what: string) => {
  const body = jsonDetail(answer);
  const said =
    quoted(body['message']) ?? quoted(body['error_description']) ?? quoted(body['error']) ?? `HTTP ${answer.status}`;
  return answer.status === 403
    ? `it may not ${what}: it needs the api scope`
    : `GitLab would not let it ${what}: ${said}`;
};

/** One sibling's attempt: who am I, list my user's tokens of the window, revoke the single match, confirm it is gone from the active list. */
async function sweepWith(
  http: ProviderHttp,
  secret: string,
  lost: TokenRecord,
  rotation: LostRotation,
  began: number,
): Promise<SweepOutcome> {
  const headers = gitlabAuth(secret);
  const self = await http.request({ method: 'GET', path: '/api/v4/personal_access_tokens/self', headers, retry: true });
  if (self.status !== 200) return { kind: 'cannot', why: refusal(self, 'read its own record') };
  const me = jsonDetail(self);
  if (!Array.isArray(me['scopes']) || !me['scopes'].includes('api'))
    return { kind: 'cannot', why: 'it may not revoke other tokens: it needs the api scope' };
  const selfId = typeof me['id'] === 'number' ? me['id'] : null;
  const userId = typeof me['user_id'] === 'number' ? me['user_id'] : null;
  const from = began - clockSkewMs;
  const to = began + callWindowMs + clockSkewMs;
  // An administrator's token lists everyone's tokens: only its own user's (user_id) may be the lost one.
  const query = new URLSearchParams({
    state: 'active',
    created_after: new Date(from).toISOString(),
    created_before: new Date(to).toISOString(),
    per_page: '100',
    ...(userId !== null ? { user_id: String(userId) } : {}),
  });
  const listing = await http.request({
    method: 'GET',
    path: `/api/v4/personal_access_tokens?${query}`,
    headers,
    retry: true,
  });
  if (listing.status !== 200) return { kind: 'cannot', why: refusal(listing, 'list its tokens') };
  const wanted = lost.grantedScopes ?? lost.scopes;
  const matches = (t: ListedGitlabToken) =>
    t.id !== selfId &&
    (userId === null || t.userId === userId) &&
    t.createdAt >= from &&
    t.createdAt <= to &&
    (wanted.length === 0 || sameSet(t.scopes, wanted)) &&
    (rotation.expiresAt === null || t.expiresAt === rotation.expiresAt);
  const candidates = listedGitlabTokens(listing.json()).filter(matches);
  if (candidates.length === 0) return { kind: 'none' };
  if (candidates.length > 1) return { kind: 'ambiguous', count: candidates.length, ids: candidates.map((c) => c.id) };
  const [found] = candidates as [ListedGitlabToken];
  const revoked = await http.request({
    method: 'DELETE',
    path: `/api/v4/personal_access_tokens/${found.id}`,
    headers,
    retry: true,
  });
  // A retried DELETE whose first answer was lost meets "already revoked": the active list, not the status, decides.
  const after = await http.request({
    method: 'GET',
    path: `/api/v4/personal_access_tokens?${query}`,
    headers,
    retry: true,
  });
  if (after.status === 200 && !listedGitlabTokens(after.json()).some((t) => t.id === found.id))
    return { kind: 'revoked', id: found.id, name: found.name };
  return {
    kind: 'cannot',
    why:
      revoked.status === 204
        ? `GitLab still lists token id ${found.id} as active after revoking it`
        : `${refusal(revoked, `revoke token id ${found.id}`)}`,
  };
}
