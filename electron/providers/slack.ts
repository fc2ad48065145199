import type { RejectReason } from '../../shared/verification.js';
import type { ProviderAdapter, RevokeOutcome, VerifyContext, VerifyOutcome } from './provider.js';
import { jsonObject, quoted, scopeHeader, text, unexpectedAnswer, type JsonObject } from './provider-answer.js';
import { TransientFault } from './transient-fault.js';

/** Slack's `ok:false` errors that are a verdict on the token; any other error is not. */
const verdicts: Record<string, { reason: RejectReason; says: string; dead: boolean }> = {
  invalid_auth: { reason: 'invalid', says: 'it is not a valid token (invalid_auth)', dead: true },
  not_authed: { reason: 'invalid', says: 'it did not accept the token as credentials (not_authed)', dead: true },
  token_revoked: { reason: 'revoked', says: 'it was revoked (token_revoked)', dead: true },
  token_expired: { reason: 'expired', says: 'it expired (token_expired)', dead: true },
  account_inactive: { reason: 'inactive', says: 'its user or workspace was deactivated (account_inactive)', dead: false },
};

function expiryOf(ctx: VerifyContext, body: JsonObject, notes: string[]): string | null | undefined {
  const seconds = body['expires_in'];
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) return new Date(ctx.now + seconds * 1000).toISOString();
  // Only tokens with rotation turned on expire (`xoxe.` access tokens); the others live until revoked.
  if (!ctx.secret.startsWith('xoxe.')) return null;
  notes.push('A rotating token, but Slack did not say when it expires.');
  return undefined;
}

async function verifySlackToken(ctx: VerifyContext): Promise<VerifyOutcome> {
  const answer = await ctx.http.request({
    method: 'POST',
    path: '/api/auth.test',
    headers: { authorization: `Bearer ${ctx.secret}` },
    body: new URLSearchParams(),
    retry: true,
  });
  if (answer.status !== 200) throw unexpectedAnswer(answer, 'Slack');
  const body = jsonObject(answer, 'Slack');
  if (body['ok'] !== true) {
    const error = quoted(body['error'], 60) ?? 'no error code';
    const verdict = verdicts[error];
    if (verdict) return { outcome: 'rejected', reason: verdict.reason, message: `Slack rejects it: ${verdict.says}.`, dead: verdict.dead };
    throw new TransientFault(`Slack could not answer (${error})`);
  }
  const user = text(body['user']);
  const team = text(body['team']);
  const notes: string[] = [];
  const header = answer.headers.get('x-oauth-scopes');
  if (header === null) notes.push('Slack sent no scope list for this token.');
  if (text(body['bot_id'])) notes.push(`A bot token (bot ${text(body['bot_id'])}).`);
  const outcome: VerifyOutcome = {
    outcome: 'valid',
    account: user && team ? `${user} @ ${team}` : (user ?? team),
    grantedScopes: header === null ? null : scopeHeader(header),
    notes,
  };
  const expiresAt = expiryOf(ctx, body, notes);
  if (expiresAt !== undefined) outcome.expiresAt = expiresAt;
  return outcome;
}

/** `auth.revoke` with the token as Bearer: `{ok:true, revoked:true}`; an error that is a verdict means it is already dead. */
async function revokeSlackToken(ctx: VerifyContext): Promise<RevokeOutcome> {
  const answer = await ctx.http.request({ method: 'POST', path: '/api/auth.revoke', headers: { authorization: `Bearer ${ctx.secret}` }, body: new URLSearchParams(), retry: true });
  if (answer.status !== 200) throw unexpectedAnswer(answer, 'Slack');
  const body = jsonObject(answer, 'Slack');
  if (body['ok'] === true) return { outcome: 'accepted' };
  const error = quoted(body['error'], 60) ?? 'no error code';
  if (verdicts[error]) return { outcome: 'accepted' };
  if (error === 'ratelimited' || error === 'internal_error' || error === 'fatal_error') throw new TransientFault(`Slack could not revoke it now (${error})`);
  return { outcome: 'refused', message: `Slack would not revoke it (${error}).` };
}

/** Slack: `auth.test` names the user and workspace; errors come as `ok:false` at HTTP 200. */
export const slackProvider: ProviderAdapter = {
  id: 'slack',
  defaultBaseUrl: 'https://slack.com',
  // auth.test sits in Slack's most generous rate tier; 8 at once is well inside it.
  concurrency: 8,
  verify: verifySlackToken,
  revoke: revokeSlackToken,
  links: {
    createToken: () => 'https://api.slack.com/apps',
    manageTokens: () => 'https://api.slack.com/apps',
  },
};
