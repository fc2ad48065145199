import { isoDay } from '../../../shared/countdown.js';
import { parseGithubExpiration } from './expiration.js';
import type { ProviderAdapter, RevokeOutcome, VerifyContext, VerifyOutcome } from '../provider.js';
import type { ProviderAnswer, ProviderHttp } from '../provider-http.js';
import { anonymousBucket, githubRateLimits } from './rate-limits.js';
import { jsonDetail, jsonObject, quoted, scopeHeader, text, unexpectedAnswer } from '../provider-answer.js';
import { TransientFault } from '../transient-fault.js';

const publicApi = 'https://api.github.com';

/** github.com for the public API, the Enterprise host itself for `https://HOST/api/v3`. */
const webOrigin = (baseUrl: string): string =>
  new URL(baseUrl).origin === publicApi ? 'https://github.com' : new URL(baseUrl).origin;

const isFineGrained = (kind?: string, secret?: string) =>
  kind === 'fine-grained PAT' || Boolean(secret?.startsWith('github_pat_'));

// Tokens whose expiry GitHub reports in a header when there is one: no header means no expiry.
const reportsExpiry = (secret: string) => /^(?:ghp_|github_pat_|gho_)/.test(secret);

function rejected(ctx: VerifyContext, answer: ProviderAnswer): VerifyOutcome {
  const said = quoted(jsonDetail(answer)['message']) ?? 'Bad credentials';
  const expiresAt = ctx.record.expiresAt;
  if (expiresAt && Date.parse(expiresAt) <= ctx.now) {
    return {
      outcome: 'rejected',
      reason: 'expired',
      message: `GitHub rejects it (${said}): it expired on ${isoDay(expiresAt)}.`,
      dead: true,
    };
  }
  return {
    outcome: 'rejected',
    reason: 'invalid',
    message: `GitHub rejects it (${said}): it was revoked, expired or never valid.`,
    dead: true,
  };
}

function scopesOf(ctx: VerifyContext, answer: ProviderAnswer, notes: string[]): string[] | null {
  const header = answer.headers.get('x-oauth-scopes');
  if (isFineGrained(ctx.record.kind, ctx.secret)) {
    notes.push(
      'Fine-grained PAT: GitHub reports no scope list for these; its permissions show only in its settings page.',
    );
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
  if (!expiresAt)
    notes.push(`GitHub gave an expiry Lapse cannot read ("${quoted(header, 60)}"), so the expiry was left as it was.`);
  return expiresAt ?? undefined;
}

async function verifyGithubToken(ctx: VerifyContext): Promise<VerifyOutcome> {
  const answer = await ctx.http.request({
    method: 'GET',
    path: '/user',
    headers: {
      authorization: `Bearer ${ctx.secret}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
    },
    retry: true,
  });
  if (answer.status === 401) return rejected(ctx, answer);
  const notes: string[] = [];
  if (answer.status === 403) {
    // Rate limits never get here (the client waits or gives up): this 403 is GitHub refusing /user itself.
    const said = quoted(jsonDetail(answer)['message']) ?? 'Forbidden';
    if (/suspend/i.test(said))
      return {
        outcome: 'rejected',
        reason: 'inactive',
        message: `GitHub refuses it (${said}): its account is suspended.`,
        dead: false,
      };
    notes.push(`GitHub accepted the token but it may not read its own user (${said}), so its account is unknown.`);
    return {
      outcome: 'valid',
      account: null,
      grantedScopes: scopesOf(ctx, answer, notes),
      expiresAt: expiryOf(ctx, answer, notes),
      notes,
    };
  }
  if (answer.status !== 200) throw unexpectedAnswer(answer, 'GitHub');
  const login = text(jsonObject(answer, 'GitHub')['login']);
  if (!login) throw new TransientFault('GitHub answered /user without a login.');
  const outcome: VerifyOutcome = {
    outcome: 'valid',
    account: login,
    grantedScopes: scopesOf(ctx, answer, notes),
    notes,
  };
  const expiresAt = expiryOf(ctx, answer, notes);
  if (expiresAt !== undefined) outcome.expiresAt = expiresAt;
  return outcome;
}

const onEnterpriseServer = (baseUrl: string) => new URL(baseUrl).pathname.replace(/\/$/, '').endsWith('/api/v3');

/**
 * `POST /credentials/revoke` (octokit plugin-rest-endpoint-methods docs/credentials/revoke.md;
 * docs.github.com rest/credentials/revoke): "limited to only 60 unauthenticated requests per hour
 * and a max of 1000 tokens per API request", and on github.com "any authenticated requests will
 * return a 403"; on Enterprise Server (`…/api/v3`) it is authenticated. 202 Accepted says nothing
 * of when the revocation takes effect: the verify that follows decides. Sent once, never retried:
 * a retry would spend the hour's budget of 60 for every GitHub revocation from this address.
 */
async function revokeCredentials(
  http: ProviderHttp,
  secrets: string[],
  authorization: string | null,
): Promise<RevokeOutcome> {
  const answer = await http.request({
    method: 'POST',
    path: '/credentials/revoke',
    headers: {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      ...(authorization ? { authorization } : {}),
    },
    body: { credentials: secrets },
    retry: false,
    ...(authorization ? {} : { bucket: anonymousBucket }),
  });
  if (answer.status === 202 || answer.status === 200 || answer.status === 204) {
    return {
      outcome: 'accepted',
      note: 'GitHub accepted it (202); it says nothing of when the revocation takes effect, and it emails the owner',
    };
  }
  const said = quoted(jsonDetail(answer)['message']) ?? `HTTP ${answer.status}`;
  if (answer.status === 422 || answer.status === 403 || answer.status === 404)
    return { outcome: 'refused', message: `GitHub would not revoke it (${said}).` };
  throw unexpectedAnswer(answer, 'GitHub');
}

const revokeGithubToken = (ctx: VerifyContext): Promise<RevokeOutcome> =>
  revokeCredentials(ctx.http, [ctx.secret], onEnterpriseServer(ctx.http.baseUrl) ? `Bearer ${ctx.secret}` : null);

/** GitHub and GitHub Enterprise: `GET /user` says whose token it is, its scopes and its expiry. */
export const githubProvider: ProviderAdapter = {
  id: 'github',
  defaultBaseUrl: publicApi,
  // GitHub's secondary limits forbid floods of concurrent requests; 8 stays far below them.
  concurrency: 8,
  rateLimits: githubRateLimits,
  verify: verifyGithubToken,
  revoke: revokeGithubToken,
  // Unauthenticated on github.com: one request for up to 1,000 tokens. Enterprise Server authenticates each token's own request.
  revokeBatch: {
    max: 1000,
    appliesTo: (baseUrl) => !onEnterpriseServer(baseUrl),
    revoke: (http, secrets) => revokeCredentials(http, secrets, null),
  },
  links: {
    createToken: (baseUrl, kind) =>
      `${webOrigin(baseUrl)}/settings/${isFineGrained(kind) ? 'personal-access-tokens' : 'tokens'}/new`,
    manageTokens: (baseUrl, kind) =>
      `${webOrigin(baseUrl)}/settings/${isFineGrained(kind) ? 'personal-access-tokens' : 'tokens'}`,
  },
};
