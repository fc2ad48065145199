import { retryAfterFrom, type RateLimitPolicy } from '../rate-limit-headers.js';

/**
 * GitLab throttles with a 429 (gitlabhq `doc/administration/settings/user_and_ip_rate_limits.md`,
 * "Response headers"): `Retry-After` in seconds when it sends one; `RateLimit-Reset` is the Unix
 * time the quota resets and `RateLimit-ResetTime` the same as an HTTP date. GitLab.com's 429s do
 * not always carry `Retry-After` (gitlab-org/gitlab#365728), so the reset time decides then.
 */
export const gitlabRateLimits: RateLimitPolicy = {
  limitOf({ status, headers }, now) {
    if (status !== 429) return null;
    const retryAfter = retryAfterFrom(headers, now);
    if (retryAfter !== null) return { retryAt: retryAfter };
    const reset = Number(headers.get('ratelimit-reset'));
    // Unix seconds, as GitLab documents; a small number is read as seconds from now (the IETF draft's form).
    if (Number.isFinite(reset) && reset > 0) return { retryAt: reset > 1e9 ? reset * 1000 : now + reset * 1000 };
    const at = Date.parse(headers.get('ratelimit-resettime') ?? '');
    return { retryAt: Number.isNaN(at) ? null : at };
  },
};
