import type { InventoryCapability, InventoryEntry, InventoryListing } from '../provider.js';
import { jsonObject } from '../provider-answer.js';
import { gitlabSaid } from './answers.js';
import { listedGitlabTokens, type ListedGitlabToken } from './token-list.js';
import { gitlabAuth, selfPath } from './verify.js';

/** At most this many pages of 100 (GitLab's largest page: doc/api/rest/_index.md, "Pagination"). */
const maxPages = 20;

const entryOf = (t: ListedGitlabToken): InventoryEntry => ({
  ref: String(t.id),
  name: t.name,
  shown: null,
  createdAt: new Date(t.createdAt).toISOString(),
  lastUsedAt: t.lastUsedAt,
  expiresAt: t.expiresAt ? `${t.expiresAt}T00:00:00.000Z` : null,
  scopes: t.scopes,
  state: t.revoked ? 'revoked' : t.active ? 'active' : 'expired',
});

/**
 * The user's personal access tokens, read with one of them: `GET /personal_access_tokens?user_id=`
 * (gitlabhq doc/api/personal_access_tokens.md, "List all personal access tokens": a
 * non-administrator sees only their own; the filter keeps an administrator's token to its own user;
 * `read_api` or `api`). It names each token's `last_used_at` without authenticating with it, so the
 * others are not spent; only the token listing is (its own `/self` says which user and row it is).
 */
async function listGitlabInventory(ctx: Parameters<InventoryCapability['list']>[0]): Promise<InventoryListing> {
  const headers = gitlabAuth(ctx.secret);
  const self = await ctx.http.request({ method: 'GET', path: selfPath, headers, retry: true });
  if (self.status !== 200)
    return {
      kind: 'cannot',
      why: `GitLab would not let this token read its own record (${gitlabSaid(self, `HTTP ${self.status}`)})`,
    };
  const me = jsonObject(self, 'GitLab');
  const userId = typeof me['user_id'] === 'number' ? me['user_id'] : null;
  const entries: InventoryEntry[] = [];
  let page: string | null = '1';
  for (let n = 0; page && n < maxPages; n++) {
    const query = new URLSearchParams({
      per_page: '100',
      page,
      ...(userId !== null ? { user_id: String(userId) } : {}),
    });
    const answer = await ctx.http.request({
      method: 'GET',
      path: `/api/v4/personal_access_tokens?${query}`,
      headers,
      retry: true,
    });
    if (answer.status === 403)
      return {
        kind: 'cannot',
        why: "this token may not list the account's tokens: it needs the read_api or api scope",
      };
    if (answer.status !== 200)
      return {
        kind: 'cannot',
        why: `GitLab would not list the account's tokens (${gitlabSaid(answer, `HTTP ${answer.status}`)})`,
      };
    entries.push(...listedGitlabTokens(answer.json(), false).map(entryOf));
    page = answer.headers.get('x-next-page') || null;
  }
  return { kind: 'listed', entries, listerRef: typeof me['id'] === 'number' ? String(me['id']) : null };
}

/** `DELETE /personal_access_tokens/:id` → 204 (the `api` scope; a non-administrator only their own). */
async function revokeGitlabListed(ctx: Parameters<InventoryCapability['revoke']>[0], ref: string) {
  if (!/^\d{1,12}$/.test(ref)) return { outcome: 'refused' as const, message: `"${ref}" is not a GitLab token id.` };
  const answer = await ctx.http.request({
    method: 'DELETE',
    path: `/api/v4/personal_access_tokens/${ref}`,
    headers: gitlabAuth(ctx.secret),
    retry: true,
  });
  if (answer.status === 204 || answer.status === 200) return { outcome: 'accepted' as const };
  const said = gitlabSaid(answer, `HTTP ${answer.status}`);
  // Revoked already (a retry whose first answer was lost): the list that follows confirms it.
  if (answer.status === 400 && /already revoked/i.test(said)) return { outcome: 'accepted' as const };
  if (answer.status === 403)
    return {
      outcome: 'refused' as const,
      message: `GitLab would not let the token Lapse asked with revoke it (${said}): that needs the api scope.`,
    };
  return { outcome: 'refused' as const, message: `GitLab would not revoke it (${said}).` };
}

export const gitlabInventory: InventoryCapability = {
  what: 'personal access tokens',
  list: listGitlabInventory,
  revoke: revokeGitlabListed,
};
