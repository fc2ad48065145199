import { secretProblem } from '../../../shared/secret-rules.js';
import { rememberSecret } from '../../redact.js';
import { clientAuthentication, clientCredentialsFrom } from '../oauth/client-credentials.js';
import type { VerifyContext } from '../provider.js';
import { jsonDetail, quoted } from '../provider-answer.js';
import { TransientFault } from '../transient-fault.js';

/**
 * What one `oauth.v2.access` refresh came to. `issued`: new values, the refresh token presented is
 * spent. `spent`: Slack looked at the refresh token and refuses it (used, revoked, expired).
 * `refused`: Slack turned the request away before looking at the refresh token (client, rate limit).
 * A TransientFault is thrown when the refresh may or may not have happened.
 */
export type SlackRefresh =
  | { kind: 'issued'; accessToken: string; refreshToken: string }
  | { kind: 'spent'; message: string }
  | { kind: 'refused'; message: string };

const slackSetCommand = (id: string) =>
  `lapse oauth set ${id} --client-id X --client-secret-stdin --refresh-token-stdin`;

/** Errors Slack answers about the refresh token itself; `invalid_grant` is the HTTP 400 a third party reports. */
const spentErrors = new Set([
  'invalid_refresh_token',
  'invalid_grant',
  'token_revoked',
  'token_expired',
  'invalid_auth',
]);
/** Errors about the app's credentials: the refresh token was not looked at. */
const clientErrors: Record<string, string> = {
  invalid_client_id: 'Slack does not know the client id',
  bad_client_secret: 'the client secret is wrong',
  invalid_client: 'Slack refused the client credentials',
};

/**
 * Refresh a rotating Slack token: `POST /api/oauth.v2.access` with `grant_type=refresh_token`, the
 * app's credentials by HTTP Basic (Slack's "Using token rotation" page, docs.slack.dev/authentication/using-token-rotation). Sent once, never retried here. Persists nothing.
 */
export async function refreshSlackToken(ctx: VerifyContext): Promise<SlackRefresh> {
  const client = clientCredentialsFrom(await ctx.companion('client'));
  const refreshToken = await ctx.companion('refresh');
  if (!client?.clientSecret || !refreshToken) {
    return {
      kind: 'refused',
      message: `A Slack refresh needs the app's client id and secret and the refresh token (xoxe-1-…) in the keychain; give them with \`${slackSetCommand(ctx.record.id)}\`.`,
    };
  }
  rememberSecret(refreshToken);
  rememberSecret(client.clientSecret);
  const auth = clientAuthentication(client);
  let answer;
  try {
    answer = await ctx.http.request({
      method: 'POST',
      path: '/api/oauth.v2.access',
      headers: auth.headers,
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, ...auth.form }),
      retry: false,
    });
  } catch (error) {
    // Slack turns a rate-limited call away before running it (429): nothing was refreshed.
    if (error instanceof TransientFault && error.retryAt !== null && /rate-limited/.test(error.message)) {
      return {
        kind: 'refused',
        message: `Slack asked Lapse to slow down, so nothing was refreshed: try again after ${new Date(error.retryAt).toISOString()}.`,
      };
    }
    throw error;
  }
  const body = jsonDetail(answer);
  const error = quoted(body['error'], 60);
  if (answer.status === 200 && body['ok'] === true) {
    const accessToken = body['access_token'];
    const nextRefresh = body['refresh_token'];
    if (
      typeof accessToken !== 'string' ||
      secretProblem(accessToken) ||
      typeof nextRefresh !== 'string' ||
      secretProblem(nextRefresh)
    ) {
      throw new TransientFault('Slack answered the refresh without a usable access and refresh token.');
    }
    rememberSecret(accessToken);
    rememberSecret(nextRefresh);
    return { kind: 'issued', accessToken, refreshToken: nextRefresh };
  }
  if ((answer.status === 200 || answer.status === 400) && error && spentErrors.has(error)) {
    return {
      kind: 'spent',
      message: `Slack refuses the refresh token (${error}): it was already used, revoked or has expired.`,
    };
  }
  if ((answer.status === 200 || answer.status === 400 || answer.status === 401) && error && clientErrors[error]) {
    return {
      kind: 'refused',
      message: `Slack would not refresh it: ${clientErrors[error]} (${error}). Nothing changed; fix the app credentials with \`${slackSetCommand(ctx.record.id)}\`.`,
    };
  }
  if (
    answer.status >= 500 ||
    error === 'ratelimited' ||
    error === 'internal_error' ||
    error === 'fatal_error' ||
    error === 'service_unavailable'
  ) {
    throw new TransientFault(`Slack could not answer the refresh (${error ?? `HTTP ${answer.status}`}).`);
  }
  // Any other error (invalid_arguments, token_rotation_not_enabled…) refused the request itself.
  return {
    kind: 'refused',
    message: `Slack would not refresh it (${error ?? `HTTP ${answer.status}`}); nothing changed.`,
  };
}
