/**
 * When a rate-limited or overloaded response says to come back (ms since epoch), from
 * `Retry-After` (seconds or an HTTP date) or `x-ratelimit-reset` (epoch seconds); null if it doesn't say.
 */
export function retryAtFrom(headers: Headers, now: number): number | null {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return now + seconds * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return date;
  }
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return reset * 1000;
  return null;
}

/**
 * A 429, or a 403 that is GitHub's rate limit rather than a refusal: the primary limit
 * (remaining 0) or a secondary limit, which GitHub signals with `retry-after`.
 */
export const isRateLimited = (status: number, headers: Headers): boolean =>
  status === 429 || (status === 403 && (headers.get('x-ratelimit-remaining') === '0' || headers.has('retry-after')));
