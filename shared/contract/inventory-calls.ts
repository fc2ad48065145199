import { z } from 'zod';
import { limits, providerIds } from '../model.js';
import { isoInstantSchema, tokenIdSchema, type CallOf } from './call.js';

/** One token of an account as its provider lists it; never its value. */
export const inventoryEntrySchema = z.object({
  /** What the provider names it by (GitLab's token id, npm's sha512 key): what a revocation names. */
  ref: z.string().max(200),
  name: z.string().nullable(),
  /** The characters the provider shows of it (npm: `npm_1f`), or null. */
  shown: z.string().nullable(),
  createdAt: isoInstantSchema.nullable(),
  /** null: never used; absent knowledge (`lastUseReported` false): the provider does not report use. */
  lastUsedAt: isoInstantSchema.nullable(),
  lastUseReported: z.boolean(),
  expiresAt: isoInstantSchema.nullable(),
  scopes: z.array(z.string()).nullable(),
  state: z.enum(['active', 'revoked', 'expired']),
  readOnly: z.boolean().nullable(),
  cidr: z.array(z.string()),
  /** The Lapse token this is, or null: on the account but not in Lapse. */
  inLapse: z.object({ id: tokenIdSchema, label: z.string() }).nullable(),
  /** Why it looks stale (unused for the policy's days, never used, older than the longest allowed lifetime), or null. */
  stale: z.string().nullable(),
});
export type InventoryEntryView = z.infer<typeof inventoryEntrySchema>;

/** One account at one provider: its tokens as the provider lists them, with what Lapse holds of them. */
export const inventoryAccountSchema = z.object({
  /** Names this account for revokeInventoryToken. */
  group: z.string(),
  provider: z.enum(providerIds),
  account: z.string().nullable(),
  baseUrl: z.string(),
  /** The Lapse token whose value listed them (only it was spent on this), or null when none could. */
  listedWith: z.object({ id: tokenIdSchema, label: z.string() }).nullable(),
  listedAt: isoInstantSchema,
  entries: z.array(inventoryEntrySchema),
  summary: z.object({
    total: z.number().int(),
    inLapse: z.number().int(),
    notInLapse: z.number().int(),
    /** Of those not in Lapse and active: how many look stale. */
    stale: z.number().int(),
    /** "4 more GitLab tokens on alice's account; 3 unused for 90 days." */
    sentence: z.string(),
  }),
  /** Why the account's tokens could not be listed (no token of it may list them), or null. */
  problem: z.string().nullable(),
});
export type InventoryAccount = z.infer<typeof inventoryAccountSchema>;

export const inventoryCalls = {
  listInventory: {
    input: z
      .object({
        provider: z.enum(providerIds).optional(),
        account: z.string().trim().min(1).max(limits.account).optional(),
      })
      .strict(),
    output: z.object({ accounts: z.array(inventoryAccountSchema) }),
  },
  revokeInventoryToken: {
    input: z
      .object({
        group: z.string().min(1).max(3000),
        /** The entry's ref, or (for a long npm key) its first characters, at least 8 and unique. */
        ref: z.string().trim().min(1).max(200),
        otp: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9-]{4,64}$/, 'is not a one-time code')
          .optional(),
      })
      .strict(),
    output: z.object({
      state: z.enum(['revoked', 'pending']),
      message: z.string(),
      /** The provider wants a one-time code (npm under two-factor auth-and-writes): ask, then call again with `otp`. */
      needsOtp: z.boolean(),
    }),
  },
} as const;

type Calls = typeof inventoryCalls;
export type InventoryRevokeResult = z.output<Calls['revokeInventoryToken']['output']>;

export interface InventoryApi {
  /**
   * The tokens each account has at its provider, read with one of Lapse's tokens of that account
   * where the provider lists them without spending them (GitLab's personal access tokens, npm's
   * token list): which are not in Lapse, and which look stale. Lapse's own tokens that GitLab lists
   * get their real last use from the list (Lapse's own checks not counted).
   */
  listInventory: CallOf<Calls['listInventory']>;
  /**
   * Revoke a token the account has but Lapse does not hold, with one of Lapse's tokens of the
   * account, then list again: only the provider's list showing it revoked or gone confirms it.
   * Refuses a token that is in Lapse (revoke that one from its own entry).
   */
  revokeInventoryToken: CallOf<Calls['revokeInventoryToken']>;
}
