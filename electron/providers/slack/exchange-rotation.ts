import { secretProblem } from '../../../shared/secret-rules.js';
import { rememberSecret } from '../../redact.js';
import { clientCredentialsFrom } from '../oauth/client-credentials.js';
import type { VerifyContext } from '../provider.js';
import { jsonDetail, quoted } from '../provider-answer.js';
import { RotationRefused, type Issued, type RotationCapability } from '../rotation.js';
import { TransientFault } from '../transient-fault.js';

/** Refusals of oauth.v2.exchange that change nothing (docs.slack.dev reference/methods/oauth.v2.exchange, "Errors"). */
const refusals: Record<string, string> = {
  token_rotation_not_enabled:
    "the app does not have token rotation turned on: turn it on in the app's OAuth & Permissions settings (it cannot be turned off again), then rotate",
  invalid_token: 'this token cannot be exchanged for a rotating pair',
  authorization_not_found: "the token's authorization was revoked or is invalid",
  invalid_client_id: 'Slack does not know the client id',
  bad_client_secret: 'the client secret is wrong',
};

type Exchange = { kind: 'issued'; issued: Issued } | { kind: 'already' } | { kind: 'refused'; message: string };

/**
 * `oauth.v2.exchange` with the app's `client_id`, `client_secret` and the long-lived `token`:
 * "Exchanges a legacy access token for a new expiring access token and refresh token". Sent once.
 */
async function exchange(ctx: VerifyContext): Promise<Exchange> {
  const client = clientCredentialsFrom(await ctx.companion('client'));
  if (!client?.clientSecret)
    return {
      kind: 'refused',
      message:
        "A Slack token exchange needs the app's client id and secret: give them with `lapse oauth set` (App Credentials on the app's settings page).",
    };
  rememberSecret(client.clientSecret);
  const answer = await ctx.http.request({
    method: 'POST',
    path: '/api/oauth.v2.exchange',
    body: new URLSearchParams({ client_id: client.clientId, client_secret: client.clientSecret, token: ctx.secret }),
    retry: false,
  });
  const body = jsonDetail(answer);
  const error = quoted(body['error'], 60);
  if (answer.status === 200 && body['ok'] === true) {
    const access = body['access_token'];
    const refresh = body['refresh_token'];
    if (typeof access !== 'string' || secretProblem(access) || typeof refresh !== 'string' || secretProblem(refresh)) {
      throw new TransientFault('Slack answered the exchange without a usable access and refresh token.');
    }
    rememberSecret(access);
    rememberSecret(refresh);
    return { kind: 'issued', issued: { secret: access, refreshToken: refresh } };
  }
  if (error === 'token_already_exchanged') return { kind: 'already' };
  if (error && refusals[error])
    return { kind: 'refused', message: `Slack would not exchange it: ${refusals[error]} (${error}). Nothing changed.` };
  if (answer.status >= 500 || error === 'internal_error' || error === 'fatal_error' || error === 'ratelimited')
    throw new TransientFault(`Slack could not answer the exchange (${error ?? `HTTP ${answer.status}`}).`);
  return {
    kind: 'refused',
    message: `Slack would not exchange it (${error ?? `HTTP ${answer.status}`}); nothing changed.`,
  };
}

/**
 * A long-lived Slack token (`xoxb-`/`xoxp-`) of an app with token rotation on becomes a rotating
 * one: the first rotation exchanges it (oauth.v2.exchange), later ones refresh (slack-refresh).
 * Whether the long-lived token stops working after the exchange Slack does not say: Lapse checks
 * it, and never auth.revokes it (for a bot token that deactivates the bot user).
 */
export const slackExchangeRotation: RotationCapability = {
  kind: 'slack-exchange',
  method: 'Slack token exchange',
  appliesTo: async (_record, secret, has) =>
    /^xox[bp]-/.test(secret) && (await has('client')) && !(await has('refresh')),
  plan: () => ({
    summary:
      'Slack turns this long-lived token into a rotating one (oauth.v2.exchange): a new access token that lives 12 hours, and a refresh token Lapse keeps, so every later rotation is automatic. The app needs token rotation turned on, which cannot be turned off again.',
    expiresAt: null,
    expiryNote: "Slack's rotating tokens live 12 hours; Lapse refreshes them when you rotate.",
    takesExpiry: false,
    warnings: [
      'Slack does not say whether the long-lived token stops working after the exchange: Lapse checks it, and never revokes it with auth.revoke (for a bot token that would deactivate the bot user).',
    ],
  }),
  async rotate(ctx) {
    const done = await exchange(ctx);
    if (done.kind === 'issued') return done.issued;
    if (done.kind === 'already')
      throw new RotationRefused(
        'Slack says this token was already exchanged for a rotating pair (token_already_exchanged); nothing changed. Add the rotating token and its refresh token instead.',
      );
    throw new RotationRefused(done.message);
  },
  // A second exchange tells: token_already_exchanged means the lost one went through; a first one now is the rotation itself.
  async rotatedWhileAway(ctx) {
    const done = await exchange(ctx);
    if (done.kind === 'issued') return done.issued;
    if (done.kind === 'already') return true;
    throw new TransientFault(done.message);
  },
  lostMessage: () =>
    'Slack exchanged this token for a rotating pair, but its answer never reached Lapse, so the new access and refresh token were lost; Slack exchanges a token only once. Reinstall the app (or authorize again) and add the new rotating token with its refresh token.',
  retireOld: 'check',
  leftToExpire: () =>
    'Exchanged: the new rotating access token and its refresh token are current. Slack does not say whether the long-lived token stops working after an exchange, and it still works; Lapse does not revoke it (auth.revoke would deactivate a bot user). It stays revocation-pending until Slack rejects it: reinstalling the app ends it.',
};
