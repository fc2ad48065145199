/**
 * When a rate-limited or overloaded response says to come back (ms since epoch), from
 * `Retry-After` (seconds or an HTTP date) or `x-ratelimit-reset` (epoch seconds); null if it doesn't say.
 */
export function retryAtFrom(headers: Headers, now: number): number | null {
  const retryAfter = retryAfterFrom(headers, now);
  if (retryAfter !== null) return retryAfter;
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return reset * 1000;
  return null;
}

/** `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterFrom(headers: Headers, now: number): number | null {
  const retryAfter = headers.get('retry-after');
  if (!retryAfter) return null;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return now + seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? null : date;
}

/**
 * A 429, or a 403 that is GitHub's rate limit rather than a refusal: the primary limit
 * (remaining 0) or a secondary limit, which GitHub signals with `retry-after`.
 */
export const isRateLimited = (status: number, headers: Headers): boolean =>
  status === 429 || (status === 403 && (headers.get('x-ratelimit-remaining') === '0' || headers.has('retry-after')));

/** A rate limit a provider answered with: when it allows the next request, and which of its buckets it closed. */
export interface RateLimit {
  /** ms since epoch; null when the answer does not say (the client then backs off briefly). */
  retryAt: number | null;
  /** The provider's name for the exhausted bucket (GitHub's `x-ratelimit-resource`); absent: the one Lapse's calls use. */
  resource?: string;
  /**
   * The answer does not say whose limit it is (GitHub's secondary limits): every request to the
   * host waits, whoever's credential it carries.
   */
  wholeHost?: boolean;
}

/** How one provider signals its rate limits: each adapter may bring its own (rateLimits). */
export interface RateLimitPolicy {
  /** The limit this answer announces, or null when it is not a rate limit. */
  limitOf(answer: { status: number; headers: Headers; text: string }, now: number): RateLimit | null;
  /**
   * Which bucket a credential's calls count against, where the provider keeps one per user or per
   * credential (GitHub); absent: one per host. Never the secret itself (the key is kept in memory
   * and may appear in logs of the gate), at most a short digest of it.
   */
  bucketOf?(account: string | null, secret: string): string;
}

/** A 429 (or GitHub's 403 forms), with Retry-After or x-ratelimit-reset. */
export const defaultRateLimits: RateLimitPolicy = {
  limitOf: ({ status, headers }, now) =>
    isRateLimited(status, headers) ? { retryAt: retryAtFrom(headers, now) } : null,
};

/**
 * The rate gate's key for a request: the provider's host, narrowed to a bucket where the provider
 * counts per credential (GitHub: per user, per installation, per IP for unauthenticated calls), and
 * to a resource where it keeps several (GitHub's `core`, `search`…). Lapse's calls count as `core`.
 */
export const gateKey = (origin: string, bucket = '', resource = 'core'): string =>
  `${origin}${bucket ? ` ${bucket}` : ''}${resource !== 'core' ? ` ${resource}` : ''}`;
