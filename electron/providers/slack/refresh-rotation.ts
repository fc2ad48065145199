import type { RotationCapability } from '../rotation.js';
import { RotationRefused } from '../rotation.js';
import { TransientFault } from '../transient-fault.js';
import { refreshSlackToken } from './refresh.js';

/** How long Slack's rotating access tokens live: "it expires every 12 hours" (docs.slack.dev using-token-rotation; expires_in 43200). */
export const slackAccessLifetimeMs = 12 * 3_600_000;

const minute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** What a person does when Slack's refresh token is spent: a new one, then Lapse refreshes from it. */
export const slackNewRefresh = (id: string) =>
  `reinstall the app (or authorize again), give Lapse the new refresh token with \`lapse oauth set ${id} --refresh-token-stdin\`, then run \`lapse rotate ${id}\``;

/**
 * A rotating Slack token (`xoxe.xoxb-`/`xoxe.xoxp-`) refreshed with `oauth.v2.access`
 * `grant_type=refresh_token` (docs.slack.dev reference/methods/oauth.v2.access; the app's id and
 * secret by HTTP Basic). The replaced access token is never auth.revoked: for a bot token that
 * "will … deactivate the bot user and remove its channel memberships" (auth.revoke); it expires
 * within 12 hours instead.
 */
export const slackRefreshRotation: RotationCapability = {
  kind: 'slack-refresh',
  method: 'Slack refresh',
  appliesTo: async (_record, _secret, has) => has('refresh'),
  plan: () => ({
    summary: 'Slack exchanges the stored refresh token for a new access token and refresh token (oauth.v2.access).',
    expiresAt: null,
    expiryNote: "Slack's rotating tokens live 12 hours.",
    takesExpiry: false,
    warnings: [
      'The old access token is left to expire (within 12 hours): revoking a bot token would deactivate the bot user.',
    ],
  }),
  async rotate(ctx) {
    const refreshed = await refreshSlackToken(ctx);
    if (refreshed.kind === 'issued') return { secret: refreshed.accessToken, refreshToken: refreshed.refreshToken };
    if (refreshed.kind === 'spent')
      throw new RotationRefused(`${refreshed.message} Nothing changed: ${slackNewRefresh(ctx.record.id)}.`);
    throw new RotationRefused(refreshed.message);
  },
  /**
   * Slack has no introspection, and refreshing leaves the old access token alive, so neither tells.
   * Lapse presents the stored refresh token once more. This never replays a rotation that succeeded:
   * if the lost call went through, that refresh token is spent and Slack only answers
   * `invalid_refresh_token` (→ true: the new values were lost, authorize again). Slack documents no
   * reuse detection; were there one, it could only end tokens Lapse never received, since Lapse
   * holds nothing newer of the family at this point (no `#pending`). If the lost call never went
   * through, this is the first use and Slack rotates now: the new values are returned for the
   * engine to store at once. Refused before the token was looked at (client, rate limit) or no
   * answer: a TransientFault, so the journal waits for the next start.
   */
  async rotatedWhileAway(ctx) {
    const refreshed = await refreshSlackToken(ctx);
    if (refreshed.kind === 'issued') return { secret: refreshed.accessToken, refreshToken: refreshed.refreshToken };
    if (refreshed.kind === 'spent') return true;
    throw new TransientFault(refreshed.message);
  },
  lostMessage: (id) =>
    `Slack refreshed this token, but its answer never reached Lapse, so the new values were lost: the stored refresh token is spent. The current access token works until it expires (at most 12 hours); before then ${slackNewRefresh(id)}. Lapse does not replay a rotation.`,
  sweepLost: (_help, _record, lost) =>
    Promise.resolve({
      sentence: `The new access token Slack issued in that refresh was lost too, and nothing Lapse holds can revoke it (auth.revoke needs that token itself, and the refresh token is spent): it stays live until it expires, by about ${minute(lost.startedAt + slackAccessLifetimeMs)} (12 hours after the refresh). Removing the app from the workspace ends it sooner, with every other token of the app.`,
      audit: null,
    }),
  retireOld: 'expire',
  // As Slack reported it; else issued at the latest at this refresh, and living 12 hours from its issue.
  expiryBound: (_previous, startedAt, known) => known ?? new Date(startedAt + slackAccessLifetimeMs).toISOString(),
  leftToExpire: (expiresAt) =>
    `Refreshed: the new access token is current and the old refresh token is spent. The old access token is left to expire${expiresAt ? ` at ${expiresAt}` : ' within 12 hours'}: revoking it with auth.revoke would deactivate a bot user and remove it from its channels. Lapse confirms it dead on a later start.`,
};
