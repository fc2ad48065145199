import { z } from 'zod';
import { oneLineText } from './terminal-text.js';

/** Why a provider's answer means a token no longer works for its owner. */
export const rejectReasons = ['invalid', 'revoked', 'expired', 'inactive', 'wrong-account'] as const;
export type RejectReason = (typeof rejectReasons)[number];

/**
 * The last verification: `valid` and `rejected` are the provider's authoritative answer;
 * `unreachable` (timeout, 5xx, 429, bad JSON) says nothing about the token and never marks it
 * disconnected.
 */
export const verificationSchema = z.object({
  outcome: z.enum(['valid', 'rejected', 'unreachable']),
  at: z.iso.datetime({ offset: true }),
  /** One sentence for a person: what was learned, or why it could not be. */
  // Provider words are stored terminal-safe; a file written before that reads escaped.
  message: z.string().overwrite((m) => oneLineText(m, 500)),
  reason: z.enum(rejectReasons).nullable().default(null),
  /**
   * A rejection no live token could get (revoked, expired, unknown to the provider): only such a
   * verdict confirms a revocation. False for every other outcome, and for a token that does not
   * work now but may again (its account blocked, a changed account).
   */
  dead: z.boolean().default(false),
  /** When a retry makes sense (rate limit, outage). */
  retryAt: z.iso.datetime({ offset: true }).nullable().default(null),
  /** Facts the provider reported that have no field of their own (e.g. "fine-grained PAT: no scope list"). */
  notes: z
    .array(z.string().overwrite((n) => oneLineText(n, 300)))
    .max(10)
    .default([]),
  /** How the signature of a JWT was checked: against the issuer's JWKS, or claims only. */
  jwtCheck: z.enum(['jwks', 'claims-only']).nullable().default(null),
  /**
   * Why the provider could not be asked (an `unreachable` outcome), without retry advice: `retryAt`
   * says when. Absent for every other outcome, and in records written before this field.
   */
  unreachableReason: z
    .string()
    .overwrite((m) => oneLineText(m, 500))
    .optional(),
});
export type Verification = z.infer<typeof verificationSchema>;

/** Where a token's expiry came from: the person, the JWT's own `exp`, or the provider. */
export const expirySources = ['user', 'jwt', 'provider'] as const;
