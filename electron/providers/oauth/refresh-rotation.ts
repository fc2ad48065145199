import { readJwt } from '../../../shared/formats.js';
import type { TokenRecord } from '../../../shared/model.js';
import { rememberSecret } from '../../redact.js';
import type { LostRotation, LostSweep, RotationCapability, RotationHelp } from '../rotation.js';
import { RotationRefused } from '../rotation.js';
import { TransientFault } from '../transient-fault.js';
import { clientCredentialsFrom, type ClientCredentials } from './client-credentials.js';
import { companionAccount } from '../../vault/token-slots.js';
import { discoverIssuer } from './discovery.js';
import { introspectToken } from './introspection.js';
import { refreshAccessToken } from './refresh.js';
import { revokeAtIssuer } from './revocation.js';
import { isoFromSeconds } from './token-facts.js';

/** A fault's words inside parentheses: without their closing full stop. */
const clause = (message: string) => message.trim().replace(/\.$/, '');
const minute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * An issuer refreshed (rotating refresh tokens) and its answer died with Lapse: a live access and
 * refresh token nobody holds. The old refresh token is spent and is never presented again (a
 * replay). The old access token is of the same grant, and is dead to Lapse anyway: revoking it
 * (RFC 7009) ends the whole grant at issuers that tie the two (oidc-provider does), the lost pair
 * with it. Lapse never received the lost pair, so it cannot check it; it says so, and how long
 * the lost pair lives where the issuer keeps grants apart. Never throws on a provider fault.
 */
export async function sweepLostOAuthGrant(
  { parts, session }: RotationHelp,
  lost: TokenRecord,
  rotation: LostRotation,
): Promise<LostSweep> {
  const began = rotation.startedAt;
  const endByHand = `end this app's grant${lost.account ? ` for ${lost.account}` : ''} in the issuer's console (or wait for the lost tokens to expire)`;
  const keptApart = (lifetimeMs: number | null) =>
    `Lapse never received the lost access and refresh token, so it cannot check them: where the issuer keeps them apart from the old access token, the lost access token lives until it expires${lifetimeMs ? ` (about ${minute(began + lifetimeMs)}, if it lives as long as the old one did)` : ''} and the lost refresh token until it is used or expires; to be sure, ${endByHand}.`;
  let old: string | null;
  let client: ClientCredentials | null;
  try {
    old = await parts.keychain.get(lost.id);
    client = clientCredentialsFrom(await parts.keychain.get(companionAccount(lost.id, 'client')));
  } catch {
    return {
      sentence: `The keychain did not answer, so Lapse could not revoke the old access token to end the lost tokens' grant. ${keptApart(null)}`,
      audit: null,
    };
  }
  if (old === null || client === null || !lost.baseUrl) {
    return {
      sentence: `Without the old access token, the client credentials and the issuer URL, Lapse cannot end the lost tokens' grant. ${keptApart(null)}`,
      audit: null,
    };
  }
  rememberSecret(old);
  if (client.clientSecret) rememberSecret(client.clientSecret);
  const { http } = session.contextFor(lost, old);
  let lifetimeMs: number | null = null;
  try {
    const metadata = await discoverIssuer(http, lost.baseUrl);
    const ask = async () =>
      metadata.introspectionEndpoint && client ? await introspectToken(http, metadata, client, old) : null;
    // Its lifetime (RFC 7662 iat/exp) estimates the lost access token's: issued by the same issuer moments later.
    const before = await ask();
    if (
      before?.kind === 'answer' &&
      typeof before.claims['exp'] === 'number' &&
      typeof before.claims['iat'] === 'number'
    ) {
      lifetimeMs = (before.claims['exp'] - before.claims['iat']) * 1000;
    }
    // Already inactive (expired): the issuer no longer ties it to the grant, so revoking it cannot end the lost tokens.
    if (before?.kind === 'answer' && !before.active)
      return {
        sentence: `The old access token is no longer active at the issuer, so revoking it cannot end the lost tokens' grant. ${keptApart(null)}`,
        audit: null,
      };
    const revoked = await revokeAtIssuer({ http, issuer: lost.baseUrl, token: old, client, hint: 'access_token' });
    if (revoked === 'unsupported-token-type')
      return {
        sentence: `The issuer does not revoke this kind of access token (unsupported_token_type), so Lapse could not end the lost tokens' grant through it. ${keptApart(lifetimeMs)}`,
        audit: null,
      };
    const after = await ask();
    const dead = after?.kind === 'answer' && !after.active;
    const said = dead
      ? 'the issuer now reports it inactive'
      : 'the issuer accepted the revocation, but offers no introspection to confirm it';
    return {
      sentence: `Lapse revoked the old access token of the same grant (${said}): an issuer that ends the whole grant with it, as oidc-provider does, has ended the lost tokens too. ${keptApart(lifetimeMs)}`,
      audit: dead
        ? 'The old access token is revoked at the issuer (it reports it inactive), to end the grant of the refreshed tokens whose answer was lost; the spent refresh token was not sent again.'
        : null,
    };
  } catch (error) {
    if (!(error instanceof TransientFault)) throw error;
    return {
      sentence: `Lapse could not revoke the old access token to end the lost tokens' grant (${clause(error.message)}). ${keptApart(lifetimeMs)}`,
      audit: null,
    };
  }
}

/**
 * RFC 6749 §6 refresh with a rotating refresh token (RFC 9700): the issuer answers a new access
 * token (and refresh token); the old refresh token is spent. The old access token shares the grant
 * (revoking it ends the new one too, seen at oidc-provider), so it is left to expire.
 */
export const oauthRefreshRotation: RotationCapability = {
  kind: 'oauth-refresh',
  method: 'OAuth refresh',
  appliesTo: async (_record, _secret, has) => has('refresh'),
  plan: () => ({
    summary:
      'The issuer exchanges the stored refresh token for a new access token (and refresh token); Lapse stores them before anything else.',
    expiresAt: null,
    expiryNote: "The issuer decides the new token's lifetime.",
    takesExpiry: false,
    warnings: ['The old access token shares the grant, so it is left to expire rather than revoked.'],
  }),
  async rotate(ctx) {
    const client = clientCredentialsFrom(await ctx.companion('client'));
    const refreshToken = await ctx.companion('refresh');
    if (!client || !refreshToken || !ctx.record.baseUrl)
      throw new RotationRefused('An OAuth rotation needs the issuer URL, the client credentials and a refresh token.');
    const issued = await refreshAccessToken({ http: ctx.http, issuer: ctx.record.baseUrl, refreshToken, client });
    return { secret: issued.accessToken, refreshToken: issued.refreshToken ?? null };
  },
  // After a crash mid-call: the old refresh token no longer active at introspection means the refresh happened.
  async rotatedWhileAway(ctx) {
    const client = clientCredentialsFrom(await ctx.companion('client'));
    const refreshToken = await ctx.companion('refresh');
    if (!client || !refreshToken || !ctx.record.baseUrl) return false;
    const metadata = await discoverIssuer(ctx.http, ctx.record.baseUrl);
    if (!metadata.introspectionEndpoint)
      throw new TransientFault(
        'The issuer offers no introspection, so Lapse cannot tell whether the refresh happened.',
      );
    const answer = await introspectToken(ctx.http, metadata, client, refreshToken, 'refresh_token');
    return answer.kind === 'answer' && !answer.active;
  },
  lostMessage: () =>
    'The issuer rotated this token, but its answer never reached Lapse, so the new value was lost. Authorize again (create a new token and add it); Lapse does not replay a rotation.',
  sweepLost: (help, record, lost) => sweepLostOAuthGrant(help, record, lost),
  retireOld: 'expire',
  expiryBound: (previous, _startedAt, known) => isoFromSeconds(readJwt(previous)?.claims['exp']) ?? known,
  leftToExpire: (expiresAt) =>
    `Refreshed: the new access token is current and the old refresh token is spent. The old access token shares the grant, so revoking it would end the new one too: it stays live until it expires${expiresAt ? ` (${expiresAt})` : ''}, and Lapse confirms that on a later start.`,
};
