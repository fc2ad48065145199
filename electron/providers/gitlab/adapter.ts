import type { ProviderAdapter, RevokeOutcome, VerifyContext } from '../provider.js';
import { jsonDetail, unexpectedAnswer } from '../provider-answer.js';
import { CannotAskProvider } from '../oauth/cannot-ask-provider.js';
import { gitlabSaid } from './answers.js';
import { gitlabInventory } from './inventory.js';
import { gitlabRateLimits } from './rate-limits.js';
import { gitlabSelfRotate } from './self-rotate.js';
import { gitlabTokenType } from './token-types.js';
import { gitlabAuth, selfPath, verifyGitlabToken } from './verify.js';

/** A self-managed GitLab may live under a path (https://host/gitlab): its pages do too. */
const webRoot = (baseUrl: string): string => baseUrl.replace(/\/+$/, '');

/**
 * `DELETE /personal_access_tokens/self` → 204 (gitlabhq `doc/api/personal_access_tokens.md`,
 * "Self-revoke": any personal access token may, since 15.4). The 204 came from GitLab reading the
 * token as a live personal access token, so a later 401 is a change. A 401 means it was dead
 * already (the check that follows decides); a DPoP 401 says nothing. An OAuth token gets 400 here
 * (`self_information.rb`): it is revoked by its application's authorization instead.
 */
async function revokeGitlabToken(ctx: VerifyContext): Promise<RevokeOutcome> {
  const answer = await ctx.http.request({
    method: 'DELETE',
    path: selfPath,
    headers: gitlabAuth(ctx.secret),
    retry: true,
  });
  if (answer.status === 204 || answer.status === 200) {
    await ctx.sawAlive?.();
    return { outcome: 'accepted' };
  }
  const said = gitlabSaid(answer, `HTTP ${answer.status}`);
  if (answer.status === 401) {
    if (jsonDetail(answer)['error'] === 'dpop_error' || /dpop/i.test(said))
      throw new CannotAskProvider(
        `GitLab wants DPoP-signed requests for this user (${said}), which Lapse does not send.`,
      );
    return { outcome: 'accepted' };
  }
  if (answer.status === 400 && /personal access token/i.test(said)) {
    return {
      outcome: 'refused',
      message: `GitLab would not revoke it here (${said}): it is an OAuth token; revoke its application under User settings › Applications › Authorized applications.`,
    };
  }
  if (answer.status === 400 || answer.status === 403 || answer.status === 404) {
    return {
      outcome: 'refused',
      message: `GitLab would not revoke it (${said}); a project or group token is revoked in that project's or group's settings.`,
    };
  }
  throw unexpectedAnswer(answer, 'GitLab');
}

/** GitLab.com or a self-managed GitLab: the token's own record plus its user. */
export const gitlabProvider: ProviderAdapter = {
  id: 'gitlab',
  defaultBaseUrl: 'https://gitlab.com',
  // Two requests per token; GitLab.com allows far more than 16 at once from one user.
  concurrency: 8,
  rateLimits: gitlabRateLimits,
  verify: verifyGitlabToken,
  revoke: revokeGitlabToken,
  tokenTypeOf: (secret) => gitlabTokenType(secret),
  rotations: [gitlabSelfRotate],
  inventory: gitlabInventory,
  links: {
    createToken: (baseUrl) => `${webRoot(baseUrl)}/-/user_settings/personal_access_tokens`,
    manageTokens: (baseUrl) => `${webRoot(baseUrl)}/-/user_settings/personal_access_tokens`,
  },
};
