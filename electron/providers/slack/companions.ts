import { detectToken } from '../../../shared/formats.js';
import type { CompanionCapability } from '../provider.js';

/**
 * A Slack app's credentials and refresh token: Rotate refreshes a rotating token with them
 * (oauth.v2.access, the app's id and secret by HTTP Basic) and exchanges a long-lived one for a
 * rotating pair (oauth.v2.exchange).
 */
export const slackAppCompanions: CompanionCapability = {
  title: 'Slack app (token rotation)',
  purpose:
    "The app's client id and secret (App Credentials on its settings page) and the refresh token let Rotate refresh this token, or turn a long-lived one into a rotating one.",
  appliesTo: (_record, secret) => secret === null || /^(?:xoxe\.)?xox[bp]-/.test(secret),
  needsClientSecret: true,
  problem({ clientId, clientSecret, refreshToken }) {
    if (clientId !== undefined && !clientSecret)
      return "A Slack app refreshes its tokens with its client secret: give the app's client secret too (App Credentials on the app's settings page).";
    const detected = refreshToken === undefined ? null : detectToken(refreshToken);
    if (refreshToken !== undefined && !(detected?.provider === 'slack' && detected.kind === 'refresh token')) {
      return 'That is not a Slack refresh token: it starts with xoxe-1- (oauth.v2.access gives it with the access token when token rotation is on).';
    }
    return null;
  },
};
