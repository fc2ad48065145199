import { z } from 'zod';
import { policyOverrideSchema } from './policy.js';
import { safeText } from './terminal-text.js';
import { severities } from './severity.js';
import { expirySources, verificationSchema } from './verification.js';

export { providerIds, providerNames, type ProviderId } from './providers.js';
import { providerIds } from './providers.js';

// The finding codes and the JSON field order live in zod-free modules, so the CLI can list tokens
// without loading the schemas.
export { findingCodes, type FindingCode } from './finding-codes.js';
import { findingCodes } from './finding-codes.js';

export { severities, type Severity } from './severity.js';

/** A token's status: its worst finding, or healthy. */
export const statuses = ['healthy', ...findingCodes] as const;
export type TokenStatus = (typeof statuses)[number];

/** Bounds on what a person types; the secret's own bounds live in secret-rules.ts. */
export const limits = {
  label: 120,
  purpose: 500,
  scope: 100,
  scopes: 64,
  tag: 40,
  tags: 32,
  baseUrl: 2048,
  kind: 60,
  account: 200,
} as const;

const isoInstant = z.iso.datetime({ offset: true });

// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const controls = /[\u0000-\u001f\u007f-\u009f]/;
/** Invisible and direction-changing characters: format characters (LRM/RLM/ALM, zero-width, bidi) and U+2028/2029. */
const invisible = /[\u2028\u2029\p{Cf}]/u;
const invisibleAll = /[\u2028\u2029\p{Cf}]/gu;
const plainTextRule = 'must be one line of plain text (no control, invisible or text-direction characters)';

/** What a person types: one line, no control, invisible or bidi characters (two labels that look alike must differ). */
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !controls.test(s) && !invisible.test(s), plainTextRule);

/**
 * The same field as stored: a file written before invisible characters were refused still reads
 * (they are dropped), so tightening the input rule never turns a vault "corrupt".
 */
const storedLine = (max: number) =>
  z
    .string()
    .overwrite((s) => s.replace(invisibleAll, ''))
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !controls.test(s), plainTextRule);

export const labelSchema = oneLine(limits.label).min(1, 'is required');
export const purposeSchema = oneLine(limits.purpose);
export const kindSchema = oneLine(limits.kind);
export const scopeListSchema = z
  .array(oneLine(limits.scope).min(1))
  .max(limits.scopes, `at most ${limits.scopes} scopes`);
export const tagListSchema = z.array(oneLine(limits.tag).min(1)).max(limits.tags, `at most ${limits.tags} tags`);

const storedScopes = z.array(storedLine(limits.scope).min(1)).max(limits.scopes, `at most ${limits.scopes} scopes`);
const storedTags = z.array(storedLine(limits.tag).min(1)).max(limits.tags, `at most ${limits.tags} tags`);

/**
 * A file path as stored (where a scan found a copy): a hostile name (escape sequences, a line
 * break, a bidi override) is kept as its terminal-safe form, one line, like every other shown text.
 */
export const storedPathSchema = z.string().overwrite((p) => safeText(p, 4096));

/** A provider base URL: https, or plain http to a loopback host (local servers and tests). */
export const baseUrlSchema = z
  .string()
  .trim()
  .max(limits.baseUrl)
  .refine((raw) => {
    try {
      const url = new URL(raw);
      if (url.username || url.password) return false;
      if (url.protocol === 'https:') return true;
      return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
    } catch {
      return false;
    }
  }, 'must be an https:// URL (http:// only for 127.0.0.1, ::1 or localhost), without credentials');

/** A plaintext copy of a token's value that a scan found: where, and when. Never the value. */
export const exposureSchema = z.object({
  file: storedPathSchema,
  line: z.number().int().min(1),
  foundAt: isoInstant,
});
export type Exposure = z.infer<typeof exposureSchema>;

/** Where an imported token was found in plaintext. */
export const importedFromSchema = z.object({
  file: storedPathSchema,
  line: z.number().int().min(1),
  scanId: z.string().max(40),
  at: isoInstant,
});

/**
 * A revocation Lapse asked for: of this token (`this`), or of the value a rotation replaced
 * (`previous`). It counts only once a verify shows the value dead (`confirmedAt`).
 */
export const revocationSchema = z.object({
  requestedAt: isoInstant,
  confirmedAt: isoInstant.nullable(),
  /** `api`: Lapse asked the provider; `manual`: the person revokes it in the provider's settings. */
  method: z.enum(['api', 'manual']),
  target: z.enum(['this', 'previous']).default('this'),
  /**
   * The provider showed the value alive when Lapse asked to revoke it (listed in the account's
   * tokens, active at introspection, authenticated the request): its later absence proves the
   * revocation, where absence alone would not (npm does not list session tokens).
   */
  aliveAtRequest: z.boolean().optional(),
  /** Confirmed by the person's word (no answer Lapse could get showed it dead), not by a check. */
  byPerson: z.boolean().optional(),
});
export type Revocation = z.infer<typeof revocationSchema>;

/** What Lapse keeps about a token beside the keychain entry. Never the secret. */
export const tokenRecordSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{8,64}$/),
  label: storedLine(limits.label).min(1, 'is required'),
  provider: z.enum(providerIds),
  kind: storedLine(limits.kind),
  account: storedLine(limits.account).nullable(),
  /** Scopes the token's purpose needs, as the user declared them. */
  scopes: storedScopes,
  /** Scopes the token actually has, as its provider (or its own JWT claims) reported; null when unknown. */
  grantedScopes: storedScopes.nullable().default(null),
  purpose: storedLine(limits.purpose),
  tags: storedTags,
  baseUrl: baseUrlSchema.nullable(),
  /** When the token was created (a JWT's `iat` when it has one, else when it was added). */
  createdAt: isoInstant,
  /** When it was added to Lapse; absent in records from before this was kept (then createdAt). */
  addedAt: isoInstant.optional(),
  /** Null: it never expires, or (with expiryUnknown) nobody has said when it does. */
  expiresAt: isoInstant.nullable(),
  /** Set when the expiry is not known (added or imported without one): not the same as "never". */
  expiryUnknown: z.literal(true).optional(),
  lastVerifiedAt: isoInstant.nullable(),
  lastUsedAt: isoInstant.nullable(),
  lastRotatedAt: isoInstant.nullable(),
  /** Set once revocation is confirmed: the token is history. */
  revokedAt: isoInstant.nullable().default(null),
  /** Where expiresAt came from. */
  expirySource: z.enum(expirySources).default('user'),
  /** The provider's last answer about this token, or null when never asked. */
  verification: verificationSchema.nullable().default(null),
  /** This token's own policy overrides. */
  policy: policyOverrideSchema.optional(),
  /** Prefix and last four characters, e.g. `ghp_…a1b2`. */
  masked: z.string().max(40),
  /** First 8 hex characters of the SHA-256 of the secret. */
  fingerprint: z.string().regex(/^[0-9a-f]{8}$/),
  /** Plaintext copies of the current value found by scans, newest first; absent means none. */
  exposures: z.array(exposureSchema).max(50).optional(),
  /** Set when the token was imported from a plaintext file by a scan. */
  importedFrom: importedFromSchema.optional(),
  /** The last revocation asked for; absent when none was. */
  revocation: revocationSchema.optional(),
  /** Scopes a rotation's new value was granted that the value it replaced was not; absent means none. */
  widenedScopes: storedScopes.optional(),
  /** Set when the OS keychain was found to have no entry for this token; cleared once it has one again. */
  secretMissingSince: isoInstant.optional(),
  /**
   * How its provider's own list of the account's tokens names it (GitLab's token id), learnt at a
   * verify: the account's inventory tells Lapse's tokens from the others by it. Never the secret.
   */
  providerRef: z.string().max(200).optional(),
});
export type TokenRecord = z.infer<typeof tokenRecordSchema>;

/**
 * A record as the vault file keeps it: fields a later 1.x Lapse adds survive this one's reads and
 * writes (views and exports show only the known ones: token-record-keys.ts).
 */
export const storedTokenRecordSchema = tokenRecordSchema.loose();

/** What a person can do about a finding; each has a button in the window. */
export const findingActions = [
  'rotate',
  'narrow-scopes',
  'verify',
  'revoke',
  'set-expiry',
  'restore-secret',
  'none',
] as const;
export type FindingAction = (typeof findingActions)[number];

export const findingSchema = z.object({
  code: z.enum(findingCodes),
  severity: z.enum(severities),
  /** One sentence, with the numbers. */
  message: z.string(),
  /** The recommended next step. */
  action: z.enum(findingActions),
});
export type Finding = z.infer<typeof findingSchema>;

/** A token as every face shows it: the record plus what the lifecycle rules say of it now. */
export const tokenViewSchema = tokenRecordSchema.extend({
  status: z.enum(statuses),
  findings: z.array(findingSchema),
});
export type TokenView = z.infer<typeof tokenViewSchema>;

export { tokenViewFields } from './token-view-fields.js';

/** A record as written by hand (tests, benchmarks, migrations): defaulted fields may be left out. */
export type TokenRecordInput = z.input<typeof tokenRecordSchema>;

/** A full record from one with defaulted fields left out; throws on an invalid record. */
export const tokenRecordFrom = (input: TokenRecordInput): TokenRecord => tokenRecordSchema.parse(input);
