import { createHash } from 'node:crypto';
import { retryAfterFrom, type RateLimitPolicy } from '../rate-limit-headers.js';

/** "Otherwise wait for at least one minute before retrying" (a secondary limit that names no time). */
const secondaryWaitMs = 60_000;

/**
 * GitHub's limits as "Rate limits for the REST API" (github/docs
 * content/rest/using-the-rest-api/rate-limits-for-the-rest-api.md) gives them:
 * - A primary limit answers 403 or 429 with `x-ratelimit-remaining: 0`: wait until `x-ratelimit-reset`.
 * - A secondary limit answers 403 or 429 "and an error message that indicates that you exceeded a
 *   secondary rate limit": wait `retry-after` seconds when sent; else, with remaining 0, until the
 *   reset; "otherwise wait for at least one minute".
 * - `x-ratelimit-resource` names the bucket the request counted against (`core`, `search`…).
 * - Primary limits belong to the credential's owner, not the host: a user's personal access tokens
 *   and the apps acting for them share the user's 5,000 an hour; an installation token has its own;
 *   unauthenticated calls count per IP address (60 an hour).
 * - Secondary limits (concurrent requests, points or CPU time per minute) say nothing of whose they
 *   are, and "continuing to make requests while you are rate limited may result in the banning of
 *   your integration". So one holds every request Lapse sends to the host until it ends: other users'
 *   tokens wait too, rather than each spending a request to learn the same window.
 */
export const githubRateLimits: RateLimitPolicy = {
  limitOf({ status, headers, text }, now) {
    if (status !== 403 && status !== 429) return null;
    const remaining = headers.get('x-ratelimit-remaining');
    const secondary = /secondary rate limit|abuse detection/i.test(text);
    if (remaining !== '0' && !secondary && !headers.has('retry-after') && status !== 429) return null;
    const resource = headers.get('x-ratelimit-resource') ?? undefined;
    const wholeHost = remaining !== '0';
    const limited = (retryAt: number) => ({
      retryAt,
      ...(resource ? { resource } : {}),
      ...(wholeHost ? { wholeHost } : {}),
    });
    const retryAfter = retryAfterFrom(headers, now);
    if (retryAfter !== null) return limited(retryAfter);
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (remaining === '0' && Number.isFinite(reset) && reset > 0) return limited(reset * 1000);
    return limited(now + secondaryWaitMs);
  },
  /** A user's tokens share the user's bucket; an installation token (`ghs_`), or a token whose owner is unknown, has its own. */
  bucketOf(account, secret) {
    if (account && !secret.startsWith('ghs_')) return `user:${account}`;
    return `token:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
  },
};

/** The bucket of unauthenticated calls: GitHub counts them per IP address. */
export const anonymousBucket = 'ip';
