import { z } from 'zod';
import { limits, providerIds, tokenViewSchema } from '../model.js';
import { isoInstantSchema, tokenIdSchema, type CallOf } from './call.js';

/** Where a revocation stands: confirmed dead by a verify, or still live as far as Lapse knows. */
export const revocationStates = ['revoked', 'pending'] as const;

export const revokeResultSchema = z.object({
  token: tokenViewSchema,
  /**
   * `revoked`: a verify showed it dead (or, for a provider Lapse cannot verify, the person confirmed it
   * with `byHand`) and its secret left the keychain. `pending`: it may still work.
   */
  state: z.enum(revocationStates),
  /** `api`: Lapse asked the provider; `manual`: the person must revoke it in the provider's settings. */
  method: z.enum(['api', 'manual']),
  /** What happened, in one sentence. */
  message: z.string(),
  /** Step-by-step instructions when the person must act (manual revocation, or the provider refused). */
  instructions: z.array(z.string()),
  /** The provider's page listing the user's tokens, when known. */
  link: z.string().nullable(),
  /**
   * The provider wants a one-time code for this request (npm under two-factor "auth-and-writes"):
   * nothing was revoked; ask the person for the code and call revokeToken again with `otp`.
   */
  needsOtp: z.boolean().default(false),
});
export type RevokeResult = z.infer<typeof revokeResultSchema>;

/** Which tokens an offboarding covers: every token matching all the given fields. */
export const offboardSelectorSchema = z
  .object({
    tag: z.string().trim().min(1).max(limits.tag).optional(),
    provider: z.enum(providerIds).optional(),
    account: z.string().trim().min(1).max(limits.account).optional(),
  })
  .strict()
  .refine(
    (s) => s.tag !== undefined || s.provider !== undefined || s.account !== undefined,
    'name a tag, a provider or an account',
  );
export type OffboardSelector = z.infer<typeof offboardSelectorSchema>;

/** One token in an offboarding receipt. */
export const receiptEntrySchema = z.object({
  id: tokenIdSchema,
  label: z.string(),
  provider: z.enum(providerIds),
  account: z.string().nullable(),
  masked: z.string(),
  /** `failed`: Lapse could not even ask (keychain, missing secret); the token is untouched. */
  state: z.enum(['revoked', 'pending', 'failed']),
  method: z.enum(['api', 'manual']).nullable(),
  requestedAt: isoInstantSchema.nullable(),
  confirmedAt: isoInstantSchema.nullable(),
  message: z.string(),
});
export type ReceiptEntry = z.infer<typeof receiptEntrySchema>;

/** What an offboarding did: for each token, revoked and confirmed, still pending, or failed. */
export const offboardReceiptSchema = z.object({
  selector: z.object({
    tag: z.string().optional(),
    provider: z.enum(providerIds).optional(),
    account: z.string().optional(),
  }),
  startedAt: isoInstantSchema,
  finishedAt: isoInstantSchema,
  entries: z.array(receiptEntrySchema),
  summary: z.object({
    total: z.number().int(),
    revoked: z.number().int(),
    pending: z.number().int(),
    failed: z.number().int(),
  }),
  /** The same receipt as a Markdown document, to save or share. */
  markdown: z.string(),
});
export type OffboardReceipt = z.infer<typeof offboardReceiptSchema>;

const byId = z.object({ id: tokenIdSchema }).strict();

/** One token of a revokeTokens call: what revoking it answered, or why it could not be asked. */
export const revokeManyItemSchema = z.object({
  id: tokenIdSchema,
  result: revokeResultSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

/** `byHand`: the person revoked it in the provider's settings and says so; only for providers Lapse cannot verify. */
export const confirmRevocationInputSchema = z
  .object({ id: tokenIdSchema, byHand: z.literal(true).optional() })
  .strict();

/** Revoking tokens, confirming they are dead, forgetting them, and offboarding many at once. */
export const revocationCalls = {
  revokeToken: {
    input: z
      .object({
        id: tokenIdSchema,
        /** The one-time code from the person's authenticator, when an earlier answer said `needsOtp`. */
        otp: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9-]{4,64}$/, 'is not a one-time code')
          .optional(),
      })
      .strict(),
    output: revokeResultSchema,
  },
  confirmRevocation: { input: confirmRevocationInputSchema, output: revokeResultSchema },
  forgetToken: { input: byId, output: z.object({ id: tokenIdSchema }) },
  offboard: { input: z.object({ selector: offboardSelectorSchema }).strict(), output: offboardReceiptSchema },
  revokeTokens: {
    input: z.object({ ids: z.array(tokenIdSchema).min(1).max(1000) }).strict(),
    output: z.object({ results: z.array(revokeManyItemSchema) }),
  },
} as const;

type Calls = typeof revocationCalls;

export interface RevocationApi {
  /**
   * Revoke a token: by its provider's API where there is one (GitHub, GitLab, Slack, npm, OAuth
   * RFC 7009), else with step-by-step instructions. Then verify: only a verify that shows it dead
   * marks it `revoked` (its secret then leaves the keychain; its metadata stays as history).
   * Until then it shows `revocation-pending`. A provider fault (timeout, 5xx, 429) never marks it revoked.
   */
  revokeToken: CallOf<Calls['revokeToken']>;
  /**
   * Verify a token whose revocation is pending (or, after a rotation, the value it replaced); marks it
   * `revoked` once its provider rejects it. With `byHand: true` the person says they revoked it by
   * hand: allowed only where Lapse cannot verify the provider (else `invalid-input`: a verify must
   * show it dead); recorded in the audit log as confirmed by the person, not verified; the replaced
   * value's copy (`#previous`) leaves the keychain, and for a token revoked as a whole its secret too.
   */
  confirmRevocation: CallOf<Calls['confirmRevocation']>;
  /** Remove a revoked token's history (metadata) too. Refuses a token that is not revoked. */
  forgetToken: CallOf<Calls['forgetToken']>;
  /** Revoke every token matching the selector, one after another, and return the receipt. */
  offboard: CallOf<Calls['offboard']>;
  /**
   * Revoke several tokens, as revokeToken does each: where their provider takes a list (GitHub's
   * /credentials/revoke: up to 1,000 tokens a request, 60 requests an hour per address), in one
   * request, then a verify of each. Answers per id, in the order given.
   */
  revokeTokens: CallOf<Calls['revokeTokens']>;
}
