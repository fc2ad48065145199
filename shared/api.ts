import { z } from 'zod';
import {
  baseUrlSchema,
  labelSchema,
  limits,
  providerIds,
  purposeSchema,
  scopeListSchema,
  tagListSchema,
  tokenViewSchema,
} from './model.js';
import { policyKeys, policyOverrideSchema, policySchema } from './policy.js';
import type { Result } from './result.js';
import { maxSecretBytes, secretProblem } from './secret-rules.js';

const tokenId = z.string().regex(/^[a-z0-9-]{8,64}$/, 'is not a token id');
const isoInstant = z.iso.datetime({ offset: true });

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
  kind: z.string().trim().max(limits.kind),
  purpose: purposeSchema,
  scopes: scopeListSchema,
  tags: tagListSchema,
  /** ISO instant, or null for "never expires". */
  expiresAt: isoInstant.nullable(),
  baseUrl: baseUrlSchema.nullable(),
});

export const addTokenInput = tokenFieldsSchema.partial().extend({
  secret: secretSchema,
  label: labelSchema,
});
export type AddTokenInput = z.input<typeof addTokenInput>;

export const editTokenInput = z.object({ id: tokenId, changes: tokenFieldsSchema.partial() });
export type EditTokenInput = z.input<typeof editTokenInput>;

export const keychainStateSchema = z.object({
  available: z.boolean(),
  /** What the backend is, e.g. "Secret Service (org.freedesktop.secrets)". */
  backend: z.string(),
  /** When unavailable: what is wrong and what to do. */
  problem: z.object({ code: z.string(), message: z.string() }).nullable(),
});

/** The policy in force: the defaults, the vault's overrides, and the two combined. */
export const policyStateSchema = z.object({
  defaults: policySchema,
  overrides: policyOverrideSchema,
  effective: policySchema,
});

/** Each call: its argument schema, its result schema. Both transports are generic over this map. */
export const apiSpec = {
  getVaultState: {
    input: z.object({}).strict(),
    output: z.object({ keychain: keychainStateSchema, home: z.string(), tokenCount: z.number().int() }),
  },
  listTokens: {
    input: z.object({}).strict(),
    output: z.object({ tokens: z.array(tokenViewSchema), evaluatedAt: isoInstant }),
  },
  getToken: { input: z.object({ id: tokenId }).strict(), output: tokenViewSchema },
  addToken: { input: addTokenInput.strict(), output: tokenViewSchema },
  editToken: { input: editTokenInput.strict(), output: tokenViewSchema },
  deleteToken: { input: z.object({ id: tokenId }).strict(), output: z.object({ id: tokenId }) },
  revealSecret: {
    input: z.object({ id: tokenId }).strict(),
    output: z.object({ secret: z.string(), hideAfterMs: z.number().int() }),
  },
  getPolicy: { input: z.object({}).strict(), output: policyStateSchema },
  setPolicy: {
    input: z.object({ changes: policyOverrideSchema, reset: z.array(z.enum(policyKeys)).optional() }).strict(),
    output: policyStateSchema,
  },
  copySecret: {
    input: z.object({ id: tokenId }).strict(),
    output: z.object({ clearsAfterMs: z.number().int() }),
  },
} as const;

export type ApiMethod = keyof typeof apiSpec;
export const apiMethods = Object.keys(apiSpec) as ApiMethod[];
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiSpec)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<(typeof apiSpec)[M]['output']>;

/**
 * The one service contract. The Electron IPC host, the browser shell's HTTP host and the CLI all
 * speak it; the renderer sees nothing else. Every call resolves to a Result and never throws.
 */
export interface LapseApi {
  /** Whether the OS keychain is usable right now, where metadata lives, how many tokens it holds. */
  getVaultState(arg: ApiInput<'getVaultState'>): Promise<Result<ApiOutput<'getVaultState'>>>;
  /** Every token with its status and findings as of now, most urgent first. Reads no secret. */
  listTokens(arg: ApiInput<'listTokens'>): Promise<Result<ApiOutput<'listTokens'>>>;
  /** One token by id, with its status and findings. Reads no secret. */
  getToken(arg: ApiInput<'getToken'>): Promise<Result<ApiOutput<'getToken'>>>;
  /** Store a secret in the OS keychain and its metadata beside it. Nothing is written if the keychain is unusable. */
  addToken(arg: ApiInput<'addToken'>): Promise<Result<ApiOutput<'addToken'>>>;
  /** Change a token's metadata. The secret is not changed here (that is rotation). */
  editToken(arg: ApiInput<'editToken'>): Promise<Result<ApiOutput<'editToken'>>>;
  /** Remove a token: its keychain entry, then its metadata. */
  deleteToken(arg: ApiInput<'deleteToken'>): Promise<Result<ApiOutput<'deleteToken'>>>;
  /** The secret value, for an explicit reveal; the face hides it again after `hideAfterMs`. */
  revealSecret(arg: ApiInput<'revealSecret'>): Promise<Result<ApiOutput<'revealSecret'>>>;
  /** The policy every token is judged by (defaults plus the vault's overrides). */
  getPolicy(arg: ApiInput<'getPolicy'>): Promise<Result<ApiOutput<'getPolicy'>>>;
  /** Override policy values for every token (`changes`), or return keys to their defaults (`reset`). */
  setPolicy(arg: ApiInput<'setPolicy'>): Promise<Result<ApiOutput<'setPolicy'>>>;
  /** Copy the secret on the Node side; cleared after `clearsAfterMs` if unchanged. `clipboard-unavailable` where there is no OS clipboard. */
  copySecret(arg: ApiInput<'copySecret'>): Promise<Result<ApiOutput<'copySecret'>>>;
}

// The interface and the spec name the same calls: a compile error here means one lacks a member.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never;
export const contractMatchesSpec: SameKeys<LapseApi, typeof apiSpec> = true;

/** How long a revealed secret stays visible, and a copied one stays on the clipboard. */
export const secretExposureMs = 30_000;
