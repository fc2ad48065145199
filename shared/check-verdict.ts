// Free of zod (type imports only), so the window's bundle can use it.
import type { Verification } from './verification.js';

/**
 * The last check got an answer that can never show this token dead from here, and no time to ask
 * again: a refusal about its account, an IP allow-list, a kind of answer that proves nothing. Then
 * a revocation still open may be settled by the person's word (recorded as such, not as a verify);
 * while a check could still decide (a rate limit with a time, a live token), it may not.
 */
export const lastCheckCouldNotTell = (v: Verification | null): boolean =>
  v !== null && v.outcome !== 'valid' && !v.dead && v.retryAt === null;
