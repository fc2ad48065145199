import { z } from 'zod';
import { providerIds, tokenViewSchema } from '../model.js';
import { isoInstantSchema, noArgument, tokenIdSchema, type CallOf } from './call.js';

/** What one verification found, for the window's Verify button and `lapse verify`. */
export const verifyResultSchema = z.object({
  /** The token as it is after the verification (its record updated, findings re-evaluated). */
  token: tokenViewSchema,
  /** `valid`/`rejected`: the provider's answer. `unreachable`: no answer; nothing about the token changed. */
  outcome: z.enum(['valid', 'rejected', 'unreachable']),
  /** The answer in one sentence (also kept as `token.verification.message`). */
  message: z.string(),
  /**
   * One line per fact learned: "account octocat", "scopes repo, read:org", "expires 2026-12-01 (from GitHub)".
   * Remarks without a field of their own are in `token.verification.notes`.
   */
  learned: z.array(z.string()),
  /** When trying again makes sense (rate limit, outage), if known. */
  retryAt: isoInstantSchema.nullable(),
  /** The provider's pages for this token: where to create a replacement and where its tokens are listed. */
  links: z.object({ createToken: z.string().nullable(), manageTokens: z.string().nullable() }),
  /** For `unreachable`: why the provider could not be asked, without retry advice (`retryAt` says when); else null. */
  unreachableReason: z.string().nullable(),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

/** A provider Lapse can verify tokens of. */
export const verifiableProviderSchema = z.object({
  provider: z.enum(providerIds),
  /** Most of its tokens verified at once (a verify-all should not start more). */
  concurrency: z.number().int().positive(),
  /** The API base its tokens use unless they name their own; null when each token must (OAuth issuers). */
  defaultBaseUrl: z.string().nullable(),
});

/** Asking providers whether tokens still work, and what they say about them. */
export const verifyCalls = {
  verifyToken: {
    input: z
      .object({
        id: tokenIdSchema,
        /**
         * A verify-all's overall limit: this verification starts asking its provider only while
         * fewer than this many are asking (recording answers does not count). Each provider's own
         * limit and rate-limit windows apply either way.
         */
        concurrency: z.number().int().min(1).max(64).optional(),
      })
      .strict(),
    output: verifyResultSchema,
  },
  getVerifySupport: { input: noArgument, output: z.object({ providers: z.array(verifiableProviderSchema) }) },
} as const;

type Calls = typeof verifyCalls;

export interface VerifyApi {
  /**
   * Ask the token's provider about it and record the answer: account, scopes, expiry, last use,
   * and whether it still works. A provider that cannot answer (timeout, outage, rate limit) gives
   * `unreachable`, which never marks a token disconnected. Fails with `invalid-input` for tokens
   * of providers Lapse cannot verify, and with a keychain code when the secret can't be read.
   * Many may be called at once: the service starts each when its provider's limit, its rate-limit
   * window and the caller's `concurrency` allow.
   */
  verifyToken: CallOf<Calls['verifyToken']>;
  /** The providers Lapse can verify tokens of, with how many of each it asks about at once. */
  getVerifySupport: CallOf<Calls['getVerifySupport']>;
}
