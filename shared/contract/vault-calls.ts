import { z } from 'zod';
import {
  baseUrlSchema,
  kindSchema,
  labelSchema,
  providerIds,
  purposeSchema,
  scopeListSchema,
  tagListSchema,
  tokenViewSchema,
} from '../model.js';
import { policyOverrideSchema } from '../policy.js';
import { maxSecretBytes, secretProblem } from '../secret-rules.js';
import { isoInstantSchema, noArgument, tokenIdSchema, type CallOf } from './call.js';

/** A secret as it arrives: checked for size and characters, never echoed back in an error. */
export const secretSchema = z
  .string({ error: 'must be text' })
  .max(maxSecretBytes * 4, 'is far too long')
  .superRefine((value, ctx) => {
    const problem = secretProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The metadata a person can set on a token (add and edit). */
export const tokenFieldsSchema = z.object({
  /** This token's own policy overrides (e.g. a longer warning window). */
  policy: policyOverrideSchema,
  label: labelSchema,
  provider: z.enum(providerIds),
  kind: kindSchema,
  purpose: purposeSchema,
  scopes: scopeListSchema,
  tags: tagListSchema,
  /** ISO instant, null for "never expires", or "unknown" when nobody knows yet (not the same as never). */
  expiresAt: z.union([isoInstantSchema, z.literal('unknown')]).nullable(),
  baseUrl: baseUrlSchema.nullable(),
});

export const addTokenInput = tokenFieldsSchema.partial().extend({
  secret: secretSchema,
  label: labelSchema,
});
export type AddTokenInput = z.input<typeof addTokenInput>;

export const editTokenInput = z.object({ id: tokenIdSchema, changes: tokenFieldsSchema.partial().strict() });

export const keychainStateSchema = z.object({
  available: z.boolean(),
  /** What the backend is, e.g. "Secret Service (org.freedesktop.secrets)". */
  backend: z.string(),
  /** When unavailable: what is wrong and what to do. */
  problem: z.object({ code: z.string(), message: z.string() }).nullable(),
});

/** A deleted token, kept restorable (its secret too) for `deletedKeepDays`. */
export const deletedTokenSchema = z.object({
  token: tokenViewSchema,
  deletedAt: isoInstantSchema,
  /** When it is gone for good. */
  purgeAt: isoInstantSchema,
});
export type DeletedToken = z.infer<typeof deletedTokenSchema>;

/** How long Recently deleted keeps a token. */
export const deletedKeepDays = 30;

/** How long a revealed secret stays visible, and a copied one stays on the clipboard. */
export const secretExposureMs = 30_000;

const byId = z.object({ id: tokenIdSchema }).strict();

/** Tokens and their secrets: the vault. */
export const vaultCalls = {
  getVaultState: {
    input: noArgument,
    output: z.object({
      keychain: keychainStateSchema,
      home: z.string(),
      tokenCount: z.number().int(),
      /** Set when an unreadable metadata file was moved aside this session: tell the user. */
      recovery: z.object({ message: z.string(), movedTo: z.string() }).nullable(),
    }),
  },
  listTokens: {
    input: noArgument,
    output: z.object({ tokens: z.array(tokenViewSchema), evaluatedAt: isoInstantSchema }),
  },
  getToken: { input: byId, output: tokenViewSchema },
  addToken: { input: addTokenInput.strict(), output: tokenViewSchema },
  editToken: { input: editTokenInput.strict(), output: tokenViewSchema },
  deleteToken: { input: byId, output: z.object({ id: tokenIdSchema }) },
  revealSecret: { input: byId, output: z.object({ secret: z.string(), hideAfterMs: z.number().int() }) },
  copySecret: { input: byId, output: z.object({ clearsAfterMs: z.number().int() }) },
  checkSecrets: {
    input: noArgument,
    output: z.object({
      /** Tokens (not revoked) whose keychain entry is missing. */
      missing: z.array(tokenIdSchema),
      checked: z.number().int(),
      /** Whether any token's secret-missing state changed (the list is worth reading again). */
      changed: z.boolean(),
    }),
  },
  restoreSecret: { input: z.object({ id: tokenIdSchema, secret: secretSchema }).strict(), output: tokenViewSchema },
  listDeleted: { input: noArgument, output: z.object({ tokens: z.array(deletedTokenSchema) }) },
  restoreToken: { input: byId, output: tokenViewSchema },
  purgeDeleted: {
    input: z.object({ id: tokenIdSchema.optional() }).strict(),
    output: z.object({ purged: z.array(tokenIdSchema) }),
  },
} as const;

type Calls = typeof vaultCalls;

export interface VaultApi {
  /** Whether the OS keychain is usable right now, where metadata lives, how many tokens it holds. */
  getVaultState: CallOf<Calls['getVaultState']>;
  /** Every token with its status and findings as of now, most urgent first. Reads no secret. */
  listTokens: CallOf<Calls['listTokens']>;
  /** One token by id, with its status and findings. Reads no secret. */
  getToken: CallOf<Calls['getToken']>;
  /** Store a secret in the OS keychain and its metadata beside it. Nothing is written if the keychain is unusable. */
  addToken: CallOf<Calls['addToken']>;
  /** Change a token's metadata. The secret is not changed here (that is rotation). */
  editToken: CallOf<Calls['editToken']>;
  /** Move a token to Recently deleted (restorable for 30 days); it is not revoked at its provider. */
  deleteToken: CallOf<Calls['deleteToken']>;
  /** The secret value, for an explicit reveal; the face hides it again after `hideAfterMs`. */
  revealSecret: CallOf<Calls['revealSecret']>;
  /** Copy the secret on the Node side; cleared after `clearsAfterMs` if unchanged. `clipboard-unavailable` where there is no OS clipboard. */
  copySecret: CallOf<Calls['copySecret']>;
  /**
   * Which tokens' keychain entries are missing (one search of the keychain, never a secret in the
   * answer); marks them `secret-missing` and clears the mark where the entry is back. The window
   * calls it after its first paint, which reads no keychain entry.
   */
  checkSecrets: CallOf<Calls['checkSecrets']>;
  /** Put a token's value back in the keychain: only the value whose fingerprint the record holds. */
  restoreSecret: CallOf<Calls['restoreSecret']>;
  /** Recently deleted tokens, newest first; each is kept (secret included) for 30 days. */
  listDeleted: CallOf<Calls['listDeleted']>;
  /** Bring a recently deleted token back, its secret and metadata as they were. */
  restoreToken: CallOf<Calls['restoreToken']>;
  /** Delete for good: one recently deleted token, or (without `id`) all of them. */
  purgeDeleted: CallOf<Calls['purgeDeleted']>;
}
