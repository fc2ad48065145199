import type { RejectReason } from '../../../shared/verification.js';
import { CannotAskProvider } from '../oauth/cannot-ask-provider.js';
import type { ProviderAdapter, RevokeOutcome, VerifyContext, VerifyOutcome } from '../provider.js';
import { jsonObject, quoted, scopeHeader, text, unexpectedAnswer, type JsonObject } from '../provider-answer.js';
import { TransientFault } from '../transient-fault.js';
import { slackAppCompanions } from './companions.js';
import { slackExchangeRotation } from './exchange-rotation.js';
import { slackRefreshRotation } from './refresh-rotation.js';

/**
 * Slack's `ok:false` errors that are a verdict on the token (docs.slack.dev auth.test and
 * auth.revoke error tables): `token_revoked` and `token_expired` no live token gets;
 * `account_inactive` ("for a deleted user or workspace") says it does not work now, which a
 * reactivated account would undo, so it is not taken as proof of a revocation.
 */
const verdicts: Record<string, { reason: RejectReason; says: string; dead: boolean }> = {
  token_revoked: { reason: 'revoked', says: 'it was revoked, or its app was removed (token_revoked)', dead: true },
  token_expired: { reason: 'expired', says: 'it expired (token_expired)', dead: true },
  account_inactive: {
    reason: 'inactive',
    says: 'its user or workspace was deactivated or deleted (account_inactive)',
    dead: false,
  },
};

/**
 * Errors that say nothing about the token. `invalid_auth`: "Either the provided token is invalid
 * or the request originates from an IP address disallowed from making the request" (auth.revoke
 * error table; workspaces can restrict tokens to IP ranges): no verdict. `not_authed`: no token
 * arrived, which is Lapse's request, not the token.
 */
const cannotTell: Record<string, string> = {
  invalid_auth:
    "Slack answers invalid_auth, which means the token is invalid or this machine's IP address may not use it (a workspace can allow tokens only from set addresses), so Lapse cannot tell whether it still works.",
  not_authed: 'Slack says no token arrived (not_authed); try again.',
};

function expiryOf(ctx: VerifyContext, body: JsonObject, notes: string[]): string | null | undefined {
  const raw = body['expires_in'];
  const seconds = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0)
    return new Date(ctx.now + seconds * 1000).toISOString();
  // Only tokens with rotation turned on expire (`xoxe.` access tokens); the others live until revoked.
  if (!ctx.secret.startsWith('xoxe.')) return null;
  notes.push('A rotating token, but Slack did not say when it expires.');
  return undefined;
}

/** Slack's error code of an `ok:false` answer, fit to quote. */
const errorOf = (body: JsonObject) => quoted(body['error'], 60) ?? 'no error code';

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
    const error = errorOf(body);
    const verdict = verdicts[error];
    if (verdict)
      return {
        outcome: 'rejected',
        reason: verdict.reason,
        message: `Slack rejects it: ${verdict.says}.`,
        dead: verdict.dead,
      };
    if (cannotTell[error]) throw new CannotAskProvider(cannotTell[error]);
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

/**
 * `auth.revoke` with the token as Bearer: `{ok:true, revoked:true}`. Revoking a bot token "will
 * not uninstall the bot user or the app. It will, however, deactivate the bot user and remove its
 * channel memberships" (docs.slack.dev auth.revoke): the person is told before they confirm, and
 * a rotation never revokes a replaced bot token this way.
 */
async function revokeSlackToken(ctx: VerifyContext): Promise<RevokeOutcome> {
  const answer = await ctx.http.request({
    method: 'POST',
    path: '/api/auth.revoke',
    headers: { authorization: `Bearer ${ctx.secret}` },
    body: new URLSearchParams(),
    retry: true,
  });
  if (answer.status !== 200) throw unexpectedAnswer(answer, 'Slack');
  const body = jsonObject(answer, 'Slack');
  if (body['ok'] === true)
    return body['revoked'] === false
      ? { outcome: 'refused', message: 'Slack answered without revoking it (revoked: false).' }
      : { outcome: 'accepted' };
  const error = errorOf(body);
  if (verdicts[error]?.dead) return { outcome: 'accepted' };
  if (cannotTell[error]) throw new CannotAskProvider(cannotTell[error]);
  if (error === 'ratelimited' || error === 'internal_error' || error === 'fatal_error')
    throw new TransientFault(`Slack could not revoke it now (${error})`);
  return { outcome: 'refused', message: `Slack would not revoke it (${error}).` };
}

/** A bot token, rotating or not: revoking it deactivates its bot user. */
export const isSlackBotToken = (secret: string) => /^(?:xoxe\.)?xoxb-/.test(secret);

/** Slack: `auth.test` names the user and workspace; errors come as `ok:false` at HTTP 200. */
export const slackProvider: ProviderAdapter = {
  id: 'slack',
  defaultBaseUrl: 'https://slack.com',
  // auth.test sits in Slack's most generous rate tier; 8 at once is well inside it.
  concurrency: 8,
  verify: verifySlackToken,
  revoke: revokeSlackToken,
  revokeWarning: (_record, secret) =>
    isSlackBotToken(secret)
      ? "Revoking a bot token also deactivates its bot user and removes it from its channels (Slack's auth.revoke); the app stays installed, and reinstalling it issues a new bot token."
      : null,
  // A rotating token refreshes; a long-lived one is exchanged for a rotating pair first (once).
  rotations: [slackRefreshRotation, slackExchangeRotation],
  companions: slackAppCompanions,
  links: {
    createToken: () => 'https://api.slack.com/apps',
    manageTokens: () => 'https://api.slack.com/apps',
  },
};
