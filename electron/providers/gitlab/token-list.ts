import { quoted, text } from '../provider-answer.js';

/**
 * One personal access token as `GET /personal_access_tokens` lists it (gitlabhq
 * doc/api/personal_access_tokens.md, "List all personal access tokens"): id, name, revoked,
 * created_at, scopes, user_id, last_used_at, active, expires_at. Never the token.
 */
export interface ListedGitlabToken {
  id: number;
  name: string;
  /** ms since epoch */
  createdAt: number;
  scopes: string[];
  /** YYYY-MM-DD, or null for none. */
  expiresAt: string | null;
  userId: number | null;
  /** ISO instant, or null for never used. */
  lastUsedAt: string | null;
  /** Not revoked and not past its expiry. */
  active: boolean;
  revoked: boolean;
}

/** The rows of a list answer GitLab documents; anything else in it is skipped. `activeOnly` drops revoked and expired ones. */
export function listedGitlabTokens(body: unknown, activeOnly = true): ListedGitlabToken[] {
  if (!Array.isArray(body)) return [];
  return body.flatMap((row: unknown) => {
    if (typeof row !== 'object' || row === null) return [];
    const r = row as Record<string, unknown>;
    const createdAt = Date.parse(text(r['created_at']) ?? '');
    if (typeof r['id'] !== 'number' || Number.isNaN(createdAt)) return [];
    const revoked = r['revoked'] === true;
    const active = r['active'] !== false && !revoked;
    if (activeOnly && !active) return [];
    const lastUsed = Date.parse(text(r['last_used_at']) ?? '');
    return [
      {
        id: r['id'],
        name: quoted(r['name'], 80) ?? '(unnamed)',
        createdAt,
        scopes: Array.isArray(r['scopes']) ? r['scopes'].filter((s): s is string => typeof s === 'string') : [],
        expiresAt: text(r['expires_at']),
        userId: typeof r['user_id'] === 'number' ? r['user_id'] : null,
        lastUsedAt: Number.isNaN(lastUsed) ? null : new Date(lastUsed).toISOString(),
        active,
        revoked,
      },
    ];
  });
}
