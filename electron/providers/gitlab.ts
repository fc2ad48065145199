import type { ProviderAdapter, RevokeOutcome, VerifyContext, VerifyOutcome } from './provider.js';
import type { ProviderAnswer } from './provider-http.js';
import { jsonDetail, jsonObject, quoted, text, type JsonObject, unexpectedAnswer } from './provider-answer.js';
import { TransientFault } from './transient-fault.js';

const selfPath = '/api/v4/personal_access_tokens/self';

/** A self-managed GitLab may live under a path (https://host/gitlab): its pages do too. */
const webRoot = (baseUrl: string): string => baseUrl.replace(/\/+$/, '');

function rejected(answer: ProviderAnswer): VerifyOutcome {
  const body = jsonDetail(answer);
  const said = quoted(body['error_description']) ?? quoted(body['message']) ?? '401 Unauthorized';
  if (/revoked/i.test(said)) return { outcome: 'rejected', reason: 'revoked', message: `GitLab rejects it: ${said}`, dead: true };
  if (/expired/i.test(said)) return { outcome: 'rejected', reason: 'expired', message: `GitLab rejects it: ${said}`, dead: true };
  return { outcome: 'rejected', reason: 'invalid', message: `GitLab rejects it (${said}): it was revoked, expired or never valid.`, dead: true };
}

/** `expires_at` is a date: GitLab tokens stop working at 00:00 UTC that day. */
function expiryOf(value: unknown): string | null | undefined {
  if (value === null) return null;
  const day = text(value);
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return undefined;
  return `${day}T00:00:00.000Z`;
}

/**
 * GitLab marks a token used on every authenticated call (at most every 10 minutes), this check
 * included: a last-used time from during the check is Lapse's own and is not taken as use.
 */
function lastUsedOf(self: JsonObject, answer: ProviderAnswer, sentAt: number, notes: string[]): string | null | undefined {
  const raw = self['last_used_at'];
  if (raw === null) return null;
  const lastUsed = Date.parse(text(raw) ?? '');
  if (Number.isNaN(lastUsed)) return undefined;
  const serverNow = Date.parse(answer.headers.get('date') ?? '') || Date.now();
  // The Date header has whole seconds, and the server's clock may differ from ours.
  const checkStarted = serverNow - (Date.now() - sentAt) - 2_000;
  if (lastUsed >= checkStarted) {
    notes.push('GitLab counts this check as a use, so it cannot tell when the token was last used before it.');
    return undefined;
  }
  return new Date(lastUsed).toISOString();
}

function fromSelf(self: JsonObject, selfAnswer: ProviderAnswer, sentAt: number, now: number, notes: string[]): VerifyOutcome {
  const expiresAt = expiryOf(self['expires_at']);
  if (self['revoked'] === true) return { outcome: 'rejected', reason: 'revoked', message: 'GitLab reports it revoked.', dead: true };
  if (self['active'] === false) {
    return expiresAt && Date.parse(expiresAt) <= now
      ? { outcome: 'rejected', reason: 'expired', message: `GitLab reports it inactive: it expired on ${expiresAt.slice(0, 10)}.`, dead: true }
      : { outcome: 'rejected', reason: 'inactive', message: 'GitLab reports it inactive.', dead: true };
  }
  const scopes = Array.isArray(self['scopes']) ? self['scopes'].filter((s): s is string => typeof s === 'string') : null;
  if (!scopes) notes.push('GitLab did not list its scopes.');
  const outcome: VerifyOutcome = { outcome: 'valid', account: null, grantedScopes: scopes, notes };
  if (expiresAt !== undefined) outcome.expiresAt = expiresAt;
  const lastUsedAt = lastUsedOf(self, selfAnswer, sentAt, notes);
  if (lastUsedAt !== undefined) outcome.lastUsedAt = lastUsedAt;
  return outcome;
}

async function verifyGitlabToken(ctx: VerifyContext): Promise<VerifyOutcome> {
  const headers = { 'private-token': ctx.secret };
  const sentAt = Date.now();
  // Both at once: the token's own record (scopes, expiry, use) and its user (the account).
  const [selfAnswer, userAnswer] = await Promise.all([
    ctx.http.request({ method: 'GET', path: selfPath, headers, retry: true }),
    ctx.http.request({ method: 'GET', path: '/api/v4/user', headers, retry: true }),
  ]);
  if (selfAnswer.status === 401) return rejected(selfAnswer);
  const notes: string[] = [];
  let outcome: VerifyOutcome;
  if (selfAnswer.status === 200) {
    const self = jsonObject(selfAnswer, 'GitLab');
    outcome = fromSelf(self, selfAnswer, sentAt, ctx.now, notes);
    if (outcome.outcome === 'rejected') return outcome;
    if (userAnswer.status === 403) {
      const userId = typeof self['user_id'] === 'number' ? ` (GitLab user id ${self['user_id']})` : '';
      notes.push(`GitLab's /user needs the read_user, read_api or api scope, which this token lacks, so its account is unknown${userId}.`);
    }
  } else if (selfAnswer.status === 404) {
    if (userAnswer.status === 401) return rejected(userAnswer);
    notes.push('GitLab keeps no personal-access-token record for it (a project, group or OAuth token, or GitLab before 15.5), so its scopes and expiry are unknown.');
    outcome = { outcome: 'valid', account: null, grantedScopes: null, notes };
  } else if (selfAnswer.status === 403) {
    // gitlab.com answers repeated failures from one address with 403: a block, not a verdict on the token.
    const said = quoted(jsonDetail(selfAnswer)['message']) ?? quoted(jsonDetail(selfAnswer)['error_description']) ?? 'Forbidden';
    throw new TransientFault(`GitLab refused to answer (403 ${said})`);
  } else {
    throw unexpectedAnswer(selfAnswer, 'GitLab');
  }
  if (userAnswer.status === 200) {
    const username = text(jsonObject(userAnswer, 'GitLab')['username']);
    if (!username) throw new TransientFault('GitLab answered /api/v4/user without a username.');
    return { ...outcome, account: username };
  }
  if (userAnswer.status === 403) return outcome;
  throw unexpectedAnswer(userAnswer, 'GitLab');
}

/** `DELETE /personal_access_tokens/self` → 204. A 401 means it is already dead: the verify that follows says so. */
async function revokeGitlabToken(ctx: VerifyContext): Promise<RevokeOutcome> {
  const answer = await ctx.http.request({ method: 'DELETE', path: selfPath, headers: { 'private-token': ctx.secret }, retry: true });
  if (answer.status === 204 || answer.status === 200 || answer.status === 401) return { outcome: 'accepted' };
  if (answer.status === 400 || answer.status === 403 || answer.status === 404) {
    const body = jsonDetail(answer);
    const said = quoted(body['message']) ?? quoted(body['error_description']) ?? quoted(body['error']) ?? `HTTP ${answer.status}`;
    return { outcome: 'refused', message: `GitLab would not revoke it (${said}); a project or group token is revoked in that project's or group's settings.` };
  }
  throw unexpectedAnswer(answer, 'GitLab');
}

/** GitLab.com or a self-managed GitLab: the token's own record plus its user. */
export const gitlabProvider: ProviderAdapter = {
  id: 'gitlab',
  defaultBaseUrl: 'https://gitlab.com',
  // Two requests per token; GitLab.com allows far more than 16 at once from one user.
  concurrency: 8,
  verify: verifyGitlabToken,
  revoke: revokeGitlabToken,
  links: {
    createToken: (baseUrl) => `${webRoot(baseUrl)}/-/user_settings/personal_access_tokens`,
    manageTokens: (baseUrl) => `${webRoot(baseUrl)}/-/user_settings/personal_access_tokens`,
  },
};
