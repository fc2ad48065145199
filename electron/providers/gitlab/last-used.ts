import type { TokenRecord } from '../../../shared/model.js';
import { text } from '../provider-answer.js';

/** GitLab's clock and ours, and the moment a call is saved after it reached GitLab, differ by this much. */
const ownCallSlackMs = 60_000;

/**
 * A token's real last use from GitLab's `last_used_at`, without the calls Lapse made itself.
 * GitLab stamps the token during authentication, at most every 10 minutes
 * (`app/services/personal_access_tokens/last_used_service.rb`, `LAST_USED_AT_TIMEOUT`), so a time
 * from the check under way (`checkStartedAt`, our clock shifted by GitLab's Date header), or from
 * Lapse's previous check of this token, is Lapse's own: then the use before it is unknown and the
 * last real use Lapse knew stays. `undefined`: nothing new learned.
 */
export function realLastUse(
  raw: unknown,
  record: TokenRecord,
  checkStartedAt: number | null,
): { lastUsedAt?: string | null; note?: string } {
  if (raw === null) return { lastUsedAt: null };
  const lastUsed = Date.parse(text(raw) ?? '');
  if (Number.isNaN(lastUsed)) return {};
  if (checkStartedAt !== null && lastUsed >= checkStartedAt) {
    return { note: 'GitLab counts this check as a use, so it cannot tell when the token was last used before it.' };
  }
  const previousCheck = record.lastVerifiedAt ? Date.parse(record.lastVerifiedAt) : NaN;
  if (!Number.isNaN(previousCheck) && Math.abs(lastUsed - previousCheck) <= ownCallSlackMs) {
    return {
      note: `GitLab's last use is Lapse's own check of ${record.lastVerifiedAt?.slice(0, 16).replace('T', ' ')} UTC, not a use by anything else.`,
    };
  }
  return { lastUsedAt: new Date(lastUsed).toISOString() };
}
