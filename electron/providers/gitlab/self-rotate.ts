import { secretProblem } from '../../../shared/secret-rules.js';
import { rememberSecret } from '../../redact.js';
import { jsonDetail, quoted } from '../provider-answer.js';
import { RotationRefused, type RotationCapability } from '../rotation.js';
import { TransientFault } from '../transient-fault.js';
import { sweepLostGitlabToken } from './lost-rotation.js';
import { plannedGitlabExpiry } from './rotation-expiry.js';
import { gitlabTokenType } from './token-types.js';
import { gitlabAuth } from './verify.js';

/**
 * `POST /personal_access_tokens/self/rotate` (gitlabhq doc/api/personal_access_tokens.md,
 * "Self-rotate", 16.10+; `api` or `self_rotate` scope): 200 with the new `token`, the old one
 * revoked at once; 400/401/403/405 refuse it. Always with `expires_at`: without one GitLab.com gives
 * the new token a week. Rotating a token GitLab already revoked revokes its whole family
 * (auth_finders.rb `revoke_token_family`), so it is never replayed and never sent for a value a
 * verify found dead.
 */
export const gitlabSelfRotate: RotationCapability = {
  kind: 'gitlab-self-rotate',
  method: 'GitLab self-rotate',
  // Only a personal access token rotates itself (405 for any other kind); an unprefixed one may be an old PAT.
  appliesTo: (_record, secret) => Promise.resolve(gitlabTokenType(secret).kind !== 'other'),
  plan(record, policy, now) {
    const expiry = plannedGitlabExpiry(record, policy, now);
    return {
      summary:
        'GitLab issues the new token and revokes this one at once; Lapse stores the new value, checks it, and confirms the old one is dead.',
      expiresAt: expiry.day,
      expiryNote: expiry.why,
      takesExpiry: true,
      warnings: [],
    };
  },
  refusesKnownDead: true,
  async rotate(ctx, expiresAt) {
    const answer = await ctx.http.request({
      method: 'POST',
      path: '/api/v4/personal_access_tokens/self/rotate',
      headers: gitlabAuth(ctx.secret),
      body: expiresAt ? { expires_at: expiresAt } : {},
      retry: false,
    });
    if (answer.status === 200) {
      const token = (answer.json() as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string' || secretProblem(token))
        throw new TransientFault('GitLab answered the rotation without a usable token.');
      rememberSecret(token);
      return { secret: token, refreshToken: null };
    }
    if (answer.status >= 500)
      throw new TransientFault(`GitLab had a server error (${answer.status}) answering the rotation.`);
    const body = jsonDetail(answer);
    const said =
      quoted(body['message']) ?? quoted(body['error_description']) ?? quoted(body['error']) ?? `HTTP ${answer.status}`;
    throw new RotationRefused(
      `GitLab would not rotate it (${said}); nothing changed. ${answer.status === 403 ? 'The token needs the api or self_rotate scope.' : ''}`.trim(),
    );
  },
  // The old token's dead verdict says the rotation happened (GitLab revokes it at once).
  rotatedWhileAway: async (_ctx, oldVerdict) => (await oldVerdict()) === 'rejected',
  lostMessage: () =>
    'GitLab rotated this token, but its answer never reached Lapse, so the new value was lost. Authorize again (create a new token and add it); Lapse does not replay a rotation.',
  sweepLost: (help, record, lost) => sweepLostGitlabToken(help, record, lost),
  retireOld: 'revoke',
};
