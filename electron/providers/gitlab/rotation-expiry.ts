import type { TokenRecord } from '../../../shared/model.js';
import type { Policy } from '../../../shared/policy.js';

const dayMs = 86_400_000;
const startOfDay = (ms: number) => Math.floor(ms / dayMs) * dayMs;

/** The expiry a GitLab self-rotation asks for, and why, in words the person sees before confirming. */
export interface PlannedExpiry {
  /** YYYY-MM-DD */
  day: string;
  why: string;
}

/**
 * `POST /personal_access_tokens/self/rotate` without `expires_at` gives the new token one week when
 * the instance requires an expiry (GitLab.com does), else the instance's maximum (gitlabhq
 * `doc/api/personal_access_tokens.md`, "Rotate a personal access token"): neither is what the old
 * token had. So Lapse always sends one: the old token's lifetime (from when this value was made, as
 * far as Lapse knows, to its expiry), capped by the policy's longest allowed lifetime; for a token
 * that never expired, that maximum.
 */
export function plannedGitlabExpiry(record: TokenRecord, policy: Policy, now: number): PlannedExpiry {
  const cap = policy.maxLifetimeDays;
  // GitLab counts whole days: from the day this value was made to its expiry date.
  const madeAt = startOfDay(Date.parse(record.lastRotatedAt ?? record.createdAt));
  const expiresAt = record.expiresAt ? startOfDay(Date.parse(record.expiresAt)) : NaN;
  const lifetime =
    Number.isNaN(expiresAt) || Number.isNaN(madeAt) ? null : Math.max(1, Math.round((expiresAt - madeAt) / dayMs));
  const days = Math.max(1, Math.min(lifetime ?? cap, cap));
  const day = new Date(startOfDay(now) + days * dayMs).toISOString().slice(0, 10);
  const why =
    lifetime === null
      ? `the old token ${record.expiresAt ? 'has an expiry Lapse cannot date' : 'never expires'}, so the policy's longest allowed lifetime: ${cap} days`
      : lifetime > cap
        ? `the old token's lifetime, ${lifetime} days, capped at the policy's longest allowed lifetime of ${cap} days`
        : `the old token's lifetime: ${lifetime} day${lifetime === 1 ? '' : 's'}`;
  return {
    day,
    why: `${days} day${days === 1 ? '' : 's'} from today (${why}); without a date GitLab.com would give the new token one week`,
  };
}
