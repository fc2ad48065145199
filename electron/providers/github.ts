import { isoDay } from '../../shared/countdown.js';
import { parseGithubExpiration } from './github-expiration.js';
import type { ProviderAdapter, RevokeOutcome, VerifyContext, VerifyOutcome } from './provider.js';
import type { ProviderAnswer } from './provider-http.js';
import { jsonDetail, jsonObject, quoted, scopeHeader, text, unexpectedAnswer } from './provider-answer.js';
import { TransientFault } from './transient-fault.js';

const publicApi = 'https://api.github.com';

/** github.com for the public API, the Enterprise host itself for `https://HOST/api/v3`. */
const webOrigin = (baseUrl: string): string => (new URL(baseUrl).origin === publicApi ? 'https://github.com' : new URL(baseUrl).origin);

const isFineGrained = (kind?: string, secret?: string) => kind === 'fine-grained PAT' || Boolean(secret?.startsWith('github_pat_'));

// Tokens whose expiry GitHub reports in a header when there is one: no header means no expiry.
const reportsExpiry = (secret: string) => /^(?:ghp_|github_pat_|gho_)/.test(secret);

function rejected(ctx: VerifyContext, answer: ProviderAnswer): VerifyOutcome {
  const said = quoted(jsonDetail(answer)['message']) ?? 'Bad credentials';
  const expiresAt = ctx.record.expiresAt;
  if (expiresAt && Date.parse(expiresAt) <= ctx.now) {
    return { outcome: 'rejected', reason: 'expired', message: `GitHub rejects it (${said}): it expired on ${isoDay(expiresAt)}.`, dead: true };
  }
  return { outcome: 'rejected', reason: 'invalid', message: `GitHub rejects it (${said}): it was revoked, expired or never valid.`, dead: true };
}

function scopesOf(ctx: VerifyContext, answer: ProviderAnswer, notes: string[]): string[] | null {
  const header = answer.headers.get('x-oauth-scopes');
  if (isFineGrained(ctx.record.kind, ctx.secret)) {
    notes.push('Fine-grained PAT: GitHub reports no scope list for these; its permissions show only in its settings page.');
    return null;
  }
  if (header === null) {
    notes.push('GitHub sent no scope list for this token (GitHub App tokens carry permissions, not scopes).');
    return null;
  }
  return scopeHeader(header);
}

function expiryOf(ctx: VerifyContext, answer: ProviderAnswer, notes: string[]): string | null | undefined {
  const header = answer.headers.get('github-authentication-token-expiration');
  if (header === null) return reportsExpiry(ctx.secret) ? null : undefined;
  const expiresAt = parseGithubExpiration(header);
  if (!expiresAt) notes.push(`GitHub gave an expiry Lapse cannot read ("${quoted(header, 60)}"), so the expiry was left as it was.`);
  return expiresAt ?? undefined;
}

async function verifyGithubToken(ctx: VerifyContext): Promise<VerifyOutcome> {
  const answer = await ctx.http.request({
    method: 'GET',
    path: '/user',
    headers: { authorization: `Bearer ${ctx.secret}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
    retry: true,
  });
  if (answer.status === 401) return rejected(ctx, answer);
  const notes: string[] = [];
  if (answer.status === 403) {
    // Rate limits never get here (the client waits or gives up): this 403 is GitHub refusing /user itself.
    const said = quoted(jsonDetail(answer)['message']) ?? 'Forbidden';
    if (/suspend/i.test(said)) return { outcome: 'rejected', reason: 'inactive', message: `GitHub refuses it (${said}): its account is suspended.`, dead: false };
    notes.push(`GitHub accepted the token but it may not read its own user (${said}), so its account is unknown.`);
    return { outcome: 'valid', account: null, grantedScopes: scopesOf(ctx, answer, notes), expiresAt: expiryOf(ctx, answer, notes), notes };
  }
  if (answer.status !== 200) throw unexpectedAnswer(answer, 'GitHub');
  const login = text(jsonObject(answer, 'GitHub')['login']);
  if (!login) throw new TransientFault('GitHub answered /user without a login.');
  const outcome: VerifyOutcome = { outcome: 'valid', account: login, grantedScopes: scopesOf(ctx, answer, notes), notes };
  const expiresAt = expiryOf(ctx, answer, notes);
  if (expiresAt !== undefined) outcome.expiresAt = expiresAt;
  return outcome;
}

/**
 * `POST /credentials/revoke`: unauthenticated on github.com (an authenticated call gets 403),
 * authenticated on Enterprise Server (`…/api/v3`). 202 means accepted; the verify that follows confirms.
 */
async function revokeGithubToken(ctx: VerifyContext): Promise<RevokeOutcome> {
  const enterprise = new URL(ctx.http.baseUrl).pathname.replace(/\/$/, '').endsWith('/api/v3');
  const answer = await ctx.http.request({
    method: 'POST',
    path: '/credentials/revoke',
    headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', ...(enterprise ? { authorization: `Bearer ${ctx.secret}` } : {}) },
    body: { credentials: [ctx.secret] },
    retry: true,
  });
  if (answer.status === 202 || answer.status === 200 || answer.status === 204) return { outcome: 'accepted' };
  const said = quoted(jsonDetail(answer)['message']) ?? `HTTP ${answer.status}`;
  if (answer.status === 422 || answer.status === 403 || answer.status === 404) return { outcome: 'refused', message: `GitHub would not revoke it (${said}).` };
  throw unexpectedAnswer(answer, 'GitHub');
}

/** GitHub and GitHub Enterprise: `GET /user` says whose token it is, its scopes and its expiry. */
export const githubProvider: ProviderAdapter = {
  id: 'github',
  defaultBaseUrl: publicApi,
  // GitHub's secondary limits forbid floods of concurrent requests; 8 stays far below them.
  concurrency: 8,
  verify: verifyGithubToken,
  revoke: revokeGithubToken,
  links: {
    createToken: (baseUrl, kind) => `${webOrigin(baseUrl)}/settings/${isFineGrained(kind) ? 'personal-access-tokens' : 'tokens'}/new`,
    manageTokens: (baseUrl, kind) => `${webOrigin(baseUrl)}/settings/${isFineGrained(kind) ? 'personal-access-tokens' : 'tokens'}`,
  },
};
