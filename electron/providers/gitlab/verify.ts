import { CannotAskProvider } from '../oauth/cannot-ask-provider.js';
import type { VerifyContext, VerifyOutcome } from '../provider.js';
import type { ProviderAnswer } from '../provider-http.js';
import { jsonObject, text, type JsonObject, unexpectedAnswer } from '../provider-answer.js';
import { TransientFault } from '../transient-fault.js';
import { accountRefusal, forbidden, gitlabSaid, unauthorized } from './answers.js';
import { realLastUse } from './last-used.js';
import { gitlabTokenType, otherKindSentence } from './token-types.js';

export const selfPath = '/api/v4/personal_access_tokens/self';

/** How Lapse presents a GitLab token: `PRIVATE-TOKEN` for a personal access token, Bearer for the rest. */
export function gitlabAuth(secret: string): Record<string, string> {
  return gitlabTokenType(secret).kind === 'pat' ? { 'private-token': secret } : { authorization: `Bearer ${secret}` };
}

/** `expires_at` is a date: GitLab tokens stop working at 00:00 UTC that day. */
export function expiryOf(value: unknown): string | null | undefined {
  if (value === null) return null;
  const day = text(value);
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return undefined;
  return `${day}T00:00:00.000Z`;
}

/**
 * Its scopes; null for a granular personal access token, which GitLab lists as `scopes: ["granular"]`
 * (gitlab-org/gitlab#632314): its permissions are per resource, not scopes Lapse can compare.
 */
function scopesOf(self: JsonObject, notes: string[]): string[] | null {
  const scopes = Array.isArray(self['scopes'])
    ? self['scopes'].filter((s): s is string => typeof s === 'string')
    : null;
  if (!scopes) {
    notes.push('GitLab did not list its scopes.');
    return null;
  }
  if (self['granular'] === true || (scopes.length === 1 && scopes[0] === 'granular')) {
    notes.push(
      'A granular personal access token: its permissions are set per group and project, not as scopes, so Lapse does not compare them with its purpose.',
    );
    return null;
  }
  return scopes;
}

/** When this check started on GitLab's clock (its Date header), less a little for whole seconds. */
function checkStartOnGitlabClock(answer: ProviderAnswer, sentAt: number): number {
  const serverNow = Date.parse(answer.headers.get('date') ?? '') || Date.now();
  return serverNow - (Date.now() - sentAt) - 2_000;
}

function fromSelf(
  ctx: VerifyContext,
  self: JsonObject,
  selfAnswer: ProviderAnswer,
  sentAt: number,
  notes: string[],
): VerifyOutcome {
  const expiresAt = expiryOf(self['expires_at']);
  // GitLab's own record of the token: `active` is false only when it is revoked or past its expiry.
  if (self['revoked'] === true)
    return { outcome: 'rejected', reason: 'revoked', message: 'GitLab reports it revoked.', dead: true };
  if (self['active'] === false) {
    return expiresAt && Date.parse(expiresAt) <= ctx.now
      ? {
          outcome: 'rejected',
          reason: 'expired',
          message: `GitLab reports it inactive: it expired on ${expiresAt.slice(0, 10)}.`,
          dead: true,
        }
      : { outcome: 'rejected', reason: 'inactive', message: 'GitLab reports it inactive.', dead: true };
  }
  const outcome: VerifyOutcome = { outcome: 'valid', account: null, grantedScopes: scopesOf(self, notes), notes };
  if (typeof self['id'] === 'number') outcome.providerRef = String(self['id']);
  if (expiresAt !== undefined) outcome.expiresAt = expiresAt;
  const use = realLastUse(self['last_used_at'], ctx.record, checkStartOnGitlabClock(selfAnswer, sentAt));
  if (use.note) notes.push(use.note);
  if (use.lastUsedAt !== undefined) outcome.lastUsedAt = use.lastUsedAt;
  return outcome;
}

/** The account from `/api/v4/user`, added to a valid outcome (or a note when the token may not read it). */
function withAccount(
  outcome: Extract<VerifyOutcome, { outcome: 'valid' }>,
  userAnswer: ProviderAnswer,
  userId: unknown,
): VerifyOutcome {
  if (userAnswer.status === 200) {
    const username = text(jsonObject(userAnswer, 'GitLab')['username']);
    if (!username) throw new TransientFault('GitLab answered /api/v4/user without a username.');
    return { ...outcome, account: username };
  }
  if (userAnswer.status === 403) {
    const id = typeof userId === 'number' ? ` (GitLab user id ${userId})` : '';
    outcome.notes.push(
      `GitLab's /user needs the read_user, read_api or api scope, which this token lacks, so its account is unknown${id}.`,
    );
    return outcome;
  }
  throw unexpectedAnswer(userAnswer, 'GitLab');
}

/** Seen working before (a verify, or while its revocation was asked): a 401 now is a change, not a kind the API never reads. */
const seenAlive = (ctx: VerifyContext) =>
  ctx.record.verification?.outcome === 'valid' || ctx.record.revocation?.aliveAtRequest === true;

const unprefixedOthers =
  'a kind of GitLab token this API does not read (deploy and runner tokens made before GitLab 16.7 have no prefix either)';

/** Doorkeeper's token info for an OAuth token (`GET /oauth/token/info`, gitlabhq `doc/api/oauth2.md`): scopes and expiry. */
async function oauthFacts(
  ctx: VerifyContext,
  notes: string[],
): Promise<{ scopes: string[] | null; expiresAt?: string | null }> {
  const info = await ctx.http.request({
    method: 'GET',
    path: '/oauth/token/info',
    headers: { authorization: `Bearer ${ctx.secret}` },
    retry: true,
  });
  if (info.status !== 200) {
    notes.push(
      `GitLab did not give the OAuth token's details (HTTP ${info.status}), so its scopes and expiry are unknown.`,
    );
    return { scopes: null };
  }
  const body = jsonObject(info, 'GitLab');
  const raw = Array.isArray(body['scope']) ? body['scope'] : Array.isArray(body['scopes']) ? body['scopes'] : null;
  const scopes = raw ? raw.filter((s): s is string => typeof s === 'string') : null;
  const seconds = Number(body['expires_in_seconds'] ?? body['expires_in']);
  if (body['expires_in'] === null || body['expires_in_seconds'] === null) return { scopes, expiresAt: null };
  return Number.isFinite(seconds) && seconds >= 0
    ? { scopes, expiresAt: new Date(ctx.now + seconds * 1000).toISOString() }
    : { scopes };
}

async function verifyWithHeaders(
  ctx: VerifyContext,
  headers: Record<string, string>,
  knownKind: boolean,
): Promise<VerifyOutcome> {
  const sentAt = Date.now();
  // Both at once: the token's own record (scopes, expiry, use) and its user (the account).
  const [selfAnswer, userAnswer] = await Promise.all([
    ctx.http.request({ method: 'GET', path: selfPath, headers, retry: true }),
    ctx.http.request({ method: 'GET', path: '/api/v4/user', headers, retry: true }),
  ]);
  const notes: string[] = [];
  switch (selfAnswer.status) {
    case 200: {
      const self = jsonObject(selfAnswer, 'GitLab');
      const outcome = fromSelf(ctx, self, selfAnswer, sentAt, notes);
      if (outcome.outcome === 'rejected') return outcome;
      return withAccount(outcome, userAnswer, self['user_id']);
    }
    case 401:
      return unauthorized(selfAnswer, knownKind, unprefixedOthers);
    case 403:
      return refused(selfAnswer);
    case 400: {
      // Authenticated, but not as a personal access token: an OAuth token (self_information.rb answers 400).
      if (userAnswer.status === 401) return unauthorized(userAnswer, knownKind, unprefixedOthers);
      if (userAnswer.status === 403) return refused(userAnswer);
      const facts = await oauthFacts(ctx, notes);
      notes.push('An OAuth access token (GitLab keeps no personal-access-token record for it).');
      const outcome: Extract<VerifyOutcome, { outcome: 'valid' }> = {
        outcome: 'valid',
        account: null,
        grantedScopes: facts.scopes,
        notes,
      };
      if (facts.expiresAt !== undefined) outcome.expiresAt = facts.expiresAt;
      return withAccount(outcome, userAnswer, null);
    }
    case 404: {
      // GitLab before 15.5 has no /self: the user answers for the token.
      if (userAnswer.status === 401) return unauthorized(userAnswer, knownKind, unprefixedOthers);
      if (userAnswer.status === 403 && accountRefusal(userAnswer)) return refused(userAnswer);
      notes.push(
        'This GitLab has no personal-access-token endpoint (before 15.5), so its scopes and expiry are unknown.',
      );
      return withAccount({ outcome: 'valid', account: null, grantedScopes: null, notes }, userAnswer, null);
    }
    default:
      throw unexpectedAnswer(selfAnswer, 'GitLab');
  }
}

/** A 403: a verdict about the account when GitLab names its state, else nothing about the token. */
function refused(answer: ProviderAnswer): VerifyOutcome {
  const verdict = accountRefusal(answer);
  if (verdict) return verdict;
  throw forbidden(answer);
}

/**
 * GitLab.com or a self-managed GitLab. A personal access token (`glpat-`) by `PRIVATE-TOKEN`; a
 * value without a type prefix (a PAT before 14.5, an OAuth token) by Bearer, which GitLab reads as
 * either; any other kind gets no question, since its 401 here would mean nothing.
 */
export async function verifyGitlabToken(ctx: VerifyContext): Promise<VerifyOutcome> {
  const type = gitlabTokenType(ctx.secret);
  if (type.kind === 'other') throw new CannotAskProvider(otherKindSentence(type));
  return verifyWithHeaders(ctx, gitlabAuth(ctx.secret), type.kind === 'pat' || seenAlive(ctx));
}

/** GitLab's words for a refusal of the token's own record, for revoke and rotate messages. */
export const refusalWords = (answer: ProviderAnswer) => gitlabSaid(answer, `HTTP ${answer.status}`);
