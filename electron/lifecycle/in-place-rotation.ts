import type { TokenRecord } from '../../shared/model.js';
import { secretProblem } from '../../shared/secret-rules.js';
import { clientCredentialsFrom } from '../providers/oauth/client-credentials.js';
import { discoverIssuer } from '../providers/oauth/discovery.js';
import { introspectToken } from '../providers/oauth/introspection.js';
import { refreshAccessToken } from '../providers/oauth/refresh.js';
import type { VerifyContext } from '../providers/provider.js';
import { jsonDetail, quoted } from '../providers/provider-answer.js';
import { gitlabTokenType } from '../providers/gitlab/token-types.js';
import { gitlabAuth } from '../providers/gitlab/verify.js';
import { TransientFault } from '../providers/transient-fault.js';
import { rememberSecret } from '../redact.js';
import type { RotationKind } from './rotation-journal.js';
import { refreshSlackToken } from './slack-refresh.js';

/** What a person does when Slack's refresh token is spent: a new one, then Lapse refreshes from it. */
const slackNewRefresh = (id: string) => `reinstall the app (or authorize again), give Lapse the new refresh token with \`lapse oauth set ${id} --refresh-token-stdin\`, then run \`lapse rotate ${id}\``;

/** The new values an in-place rotation issued; the old ones are already dead or spent. */
export interface Issued {
  secret: string;
  refreshToken: string | null;
}

/** The provider refused before rotating anything: the old token is untouched. */
export class RotationRefused extends Error {}

/** Which automatic rotation a token has, or null when only a guided one is possible. */
export function inPlaceKind(record: TokenRecord, hasRefresh: boolean, secret: string | null): RotationKind | null {
  // Only a personal access token rotates itself (`self/rotate` answers 405 to any other kind); an unprefixed one may be an old PAT.
  if (record.provider === 'gitlab' && secret !== null && gitlabTokenType(secret).kind !== 'other') return 'gitlab-self-rotate';
  if (record.provider === 'oauth2' && hasRefresh) return 'oauth-refresh';
  // A Slack app with token rotation on: the person gave Lapse its refresh token (and the app's credentials).
  if (record.provider === 'slack' && hasRefresh) return 'slack-refresh';
  return null;
}

/**
 * Send the one rotate call. Never retried (GitLab and RFC 9700 issuers revoke the whole token
 * family on reuse); a TransientFault here means the outcome is unknown.
 */
export async function rotateInPlace(kind: RotationKind, ctx: VerifyContext, expiresAt: string | null): Promise<Issued> {
  if (kind === 'gitlab-self-rotate') {
    const answer = await ctx.http.request({
      method: 'POST',
      path: '/api/v4/personal_access_tokens/self/rotate',
      headers: gitlabAuth(ctx.secret),
      body: expiresAt ? { expires_at: expiresAt } : {},
      retry: false,
    });
    if (answer.status === 200) {
      const token = (answer.json() as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string' || secretProblem(token)) throw new TransientFault('GitLab answered the rotation without a usable token.');
      rememberSecret(token);
      return { secret: token, refreshToken: null };
    }
    if (answer.status >= 500) throw new TransientFault(`GitLab had a server error (${answer.status}) answering the rotation.`);
    const body = jsonDetail(answer);
    const said = quoted(body['message']) ?? quoted(body['error_description']) ?? quoted(body['error']) ?? `HTTP ${answer.status}`;
    throw new RotationRefused(`GitLab would not rotate it (${said}); nothing changed. ${answer.status === 403 ? 'The token needs the api or self_rotate scope.' : ''}`.trim());
  }
  if (kind === 'slack-refresh') {
    const refreshed = await refreshSlackToken(ctx);
    if (refreshed.kind === 'issued') return { secret: refreshed.accessToken, refreshToken: refreshed.refreshToken };
    if (refreshed.kind === 'spent') throw new RotationRefused(`${refreshed.message} Nothing changed: ${slackNewRefresh(ctx.record.id)}.`);
    throw new RotationRefused(refreshed.message);
  }
  const client = clientCredentialsFrom(await ctx.companion('client'));
  const refreshToken = await ctx.companion('refresh');
  if (!client || !refreshToken || !ctx.record.baseUrl) throw new RotationRefused('An OAuth rotation needs the issuer URL, the client credentials and a refresh token.');
  const issued = await refreshAccessToken({ http: ctx.http, issuer: ctx.record.baseUrl, refreshToken, client });
  return { secret: issued.accessToken, refreshToken: issued.refreshToken ?? null };
}

/**
 * Why a token needs authorizing again when its rotation happened but the answer was lost: cut off
 * while Lapse waited, or Lapse stopped mid-call (a resume cannot tell which, so neither is claimed).
 */
export function lostRotationMessage(kind: RotationKind, id: string): string {
  if (kind === 'slack-refresh') {
    return `Slack refreshed this token, but its answer never reached Lapse, so the new values were lost: the stored refresh token is spent. The current access token works until it expires (at most 12 hours); before then ${slackNewRefresh(id)}. Lapse does not replay a rotation.`;
  }
  return `${kind === 'gitlab-self-rotate' ? 'GitLab' : 'The issuer'} rotated this token, but its answer never reached Lapse, so the new value was lost. Authorize again (create a new token and add it); Lapse does not replay a rotation.`;
}

/**
 * After a crash mid-call with nothing saved: did the rotation happen? GitLab: the old token now
 * gets 401. OAuth: the old refresh token is no longer active at introspection.
 *
 * Slack has no introspection, and refreshing leaves the old access token alive, so neither tells.
 * Lapse presents the stored refresh token once more. This never replays a rotation that succeeded:
 * if the lost call went through, that refresh token is spent and Slack only answers
 * `invalid_refresh_token` (→ true: the new values were lost, authorize again). Slack documents no
 * reuse detection; were there one, it could only end tokens Lapse never received, since Lapse
 * holds nothing newer of the family at this point (no `#pending`). If the lost call never went
 * through, this is the first use and Slack rotates now: the new values are returned for the engine
 * to store at once, as it stores any rotate answer. Refused before the token was looked at
 * (client, rate limit) or no answer: a TransientFault, so the journal waits for the next start.
 */
export async function rotatedWhileAway(kind: RotationKind, ctx: VerifyContext, verifyOld: () => Promise<'valid' | 'rejected'>): Promise<boolean | Issued> {
  if (kind === 'slack-refresh') {
    const refreshed = await refreshSlackToken(ctx);
    if (refreshed.kind === 'issued') return { secret: refreshed.accessToken, refreshToken: refreshed.refreshToken };
    if (refreshed.kind === 'spent') return true;
    throw new TransientFault(refreshed.message);
  }
  if (kind === 'oauth-refresh') {
    const client = clientCredentialsFrom(await ctx.companion('client'));
    const refreshToken = await ctx.companion('refresh');
    if (!client || !refreshToken || !ctx.record.baseUrl) return false;
    const metadata = await discoverIssuer(ctx.http, ctx.record.baseUrl);
    if (!metadata.introspectionEndpoint) throw new TransientFault('The issuer offers no introspection, so Lapse cannot tell whether the refresh happened.');
    const answer = await introspectToken(ctx.http, metadata, client, refreshToken, 'refresh_token');
    return answer.kind === 'answer' && !answer.active;
  }
  return (await verifyOld()) === 'rejected';
}
