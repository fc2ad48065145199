import { z } from 'zod';
import { sourceKinds } from '../discovery/sources.js';
import { providerIds } from '../model.js';
import { isoInstantSchema, noArgument, tokenIdSchema, type CallOf } from './call.js';

/** A scan's id: when it started (UTC) and a random tail, e.g. `20261127T091532Z-a1b2c3`. */
export const scanIdSchema = z.string().regex(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/, 'is not a scan id');

/** A file or folder to scan: absolute, or under the home folder as `~/…`. */
export const scanPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'must not contain a NUL character')
  .refine(
    (p) => p === '~' || p.startsWith('~/') || p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p),
    'must be an absolute path or start with ~/',
  );

/** Why a file or folder was not read. Counted, never fatal. */
export const skipReasons = [
  'binary',
  'too-large',
  'node_modules',
  'git-folder',
  'unreadable',
  'not-found',
  'symlink',
  'special-file',
] as const;
export type SkipReason = (typeof skipReasons)[number];

export const privateKeyFactsSchema = z.object({
  /** rsa, ec, ed25519, dsa…, or `unknown` where only decrypting would tell (encrypted PKCS#8). */
  type: z.string(),
  encrypted: z.boolean(),
});

/** The commit that added a secret found in git history. */
export const commitSchema = z.object({
  /** Full commit id. */
  id: z.string().regex(/^[0-9a-f]{40,64}$/),
  /** Author date, ISO 8601. */
  date: isoInstantSchema,
  /** First line of the commit message, bounded. */
  summary: z.string().max(200),
  /** Whether the same file still holds the same secret in the checked-out tree (false: removed later, still in history). */
  stillInTree: z.boolean(),
});
export type FindingCommit = z.infer<typeof commitSchema>;

/** One plaintext secret found. Never the secret itself: its masked form and a short fingerprint. */
export const scanFindingSchema = z.object({
  /** Its number within the scan, for `importFindings`. */
  n: z.number().int().min(1),
  /** Absolute path. */
  file: z.string(),
  line: z.number().int().min(1),
  /** In characters, from 1. */
  column: z.number().int().min(1),
  provider: z.enum(providerIds),
  kind: z.string(),
  masked: z.string(),
  /** First 8 hex characters of the SHA-256 of the secret. */
  fingerprint: z.string().regex(/^[0-9a-f]{8}$/),
  /** The vault token holding this exact value, or null when it is not in the vault. */
  tokenId: tokenIdSchema.nullable(),
  /** What kind of place the file is; it decides the advice on keeping no plaintext copy. */
  source: z.enum(sourceKinds),
  /** The token's built-in checksum (GitHub, npm, Cloudflare): `valid` when the token carries one and it matches. */
  checksum: z.enum(['valid', 'invalid']).nullable(),
  /** Set when the secret is a private key: its algorithm and whether a passphrase protects it. Never imported. */
  privateKey: privateKeyFactsSchema.nullable().default(null),
  /** Set when the secret was found in a git commit's added lines (`lapse scan --git`), not in a file on disk. */
  commit: commitSchema.nullable().default(null),
});
export type ScanFinding = z.infer<typeof scanFindingSchema>;

export { scanFindingFields } from './scan-finding-fields.js';

export const skippedSchema = z.object({
  /** Files and folders not read. */
  files: z.number().int(),
  /** How many for each reason (reasons with none are left out). */
  reasons: z.record(z.string(), z.number().int()),
});

export const scanResultSchema = z.object({
  scanId: scanIdSchema,
  startedAt: isoInstantSchema,
  finishedAt: isoInstantSchema,
  /** The files and folders asked for, as given. */
  paths: z.array(z.string()),
  knownLocations: z.boolean(),
  /** Repositories whose history (or staged changes) were read too. */
  git: z.array(z.object({ repo: z.string(), mode: z.enum(['history', 'staged']) })).default([]),
  scanned: z.object({ files: z.number().int(), bytes: z.number().int() }),
  findings: z.array(scanFindingSchema),
  skipped: skippedSchema,
  /** Things the user should know, e.g. that the vault's own values could not be compared. */
  warnings: z.array(z.string()),
  /**
   * How the files were read: `node`, every byte; `ripgrep`, the regions ripgrep found the detector
   * could match in (binary files, node_modules and .git are then skipped without being counted).
   */
  engine: z.enum(['node', 'ripgrep']).default('node'),
});
export type ScanResult = z.infer<typeof scanResultSchema>;

export const scanStates = ['running', 'done', 'failed', 'cancelled'] as const;

export const scanStateSchema = z.object({
  scanId: scanIdSchema,
  state: z.enum(scanStates),
  progress: z.object({
    files: z.number().int(),
    bytes: z.number().int(),
    findings: z.number().int(),
    skipped: z.number().int(),
  }),
  /** Set once the state is `done`. */
  result: scanResultSchema.nullable(),
  /** Set when the state is `failed`. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ScanState = z.infer<typeof scanStateSchema>;

export const startScanInput = z
  .object({
    /** Files and folders to scan (folders recursively). */
    paths: z.array(scanPathSchema).max(64).default([]),
    /** Also scan the known locations: ~/.npmrc, gh's hosts.yml, ~/.netrc, shell history… */
    knownLocations: z.boolean().default(false),
    /** Git repositories whose history to read: every commit's added lines (a secret removed later is still exposed). */
    gitHistory: z.array(scanPathSchema).max(16).default([]),
    /** A git repository whose staged changes to read (a pre-commit hook's scan). */
    staged: scanPathSchema.optional(),
  })
  .strict()
  .refine(
    (input) =>
      input.paths.length > 0 || input.knownLocations || input.gitHistory.length > 0 || input.staged !== undefined,
    'name a file or folder to scan, a repository, or ask for the known locations',
  );
export type StartScanInput = z.input<typeof startScanInput>;

export const importOutcomes = ['imported', 'already-in-vault', 'changed', 'failed'] as const;

/** How to stop keeping the plaintext copies of one kind of place. Lapse itself never edits them. */
export const plaintextAdviceSchema = z.object({
  source: z.enum(sourceKinds),
  files: z.array(z.string()),
  title: z.string(),
  steps: z.array(z.string()),
});
export type PlaintextAdvice = z.infer<typeof plaintextAdviceSchema>;

export const importFindingsInput = z
  .object({
    scanId: scanIdSchema,
    /** The numbers (`n`) of the findings to import. */
    findings: z.array(z.number().int().min(1)).min(1).max(10_000).optional(),
    /** Import every finding not already in the vault. */
    all: z.boolean().optional(),
  })
  .strict()
  .refine((input) => (input.findings !== undefined) !== (input.all === true), 'give either findings or all: true');

export const importResultSchema = z.object({
  results: z.array(
    z.object({
      n: z.number().int(),
      outcome: z.enum(importOutcomes),
      /** The vault token now holding it (new, or the one that already did). */
      tokenId: tokenIdSchema.nullable(),
      label: z.string().nullable(),
      message: z.string(),
    }),
  ),
  /** Per kind of place a token was imported from: how to stop keeping the plaintext copy. */
  advice: z.array(plaintextAdviceSchema),
});
export type ImportResult = z.infer<typeof importResultSchema>;

const byScanId = z.object({ scanId: scanIdSchema }).strict();

/** A saved scan in a line: enough for a list to offer it again. */
export const scanSummarySchema = z.object({
  scanId: scanIdSchema,
  startedAt: isoInstantSchema,
  finishedAt: isoInstantSchema,
  paths: z.array(z.string()),
  knownLocations: z.boolean(),
  findings: z.number().int(),
  /** Findings whose value is already in the vault. */
  inVault: z.number().int(),
  skipped: z.number().int(),
});

/** Discovery: find plaintext tokens on this machine and bring them into the keychain. */
export const discoveryCalls = {
  startScan: { input: startScanInput, output: z.object({ scanId: scanIdSchema }) },
  getScan: {
    input: z.object({ scanId: scanIdSchema, waitMs: z.number().int().min(0).max(30_000).optional() }).strict(),
    output: scanStateSchema,
  },
  cancelScan: { input: byScanId, output: scanStateSchema },
  listScans: {
    input: noArgument,
    output: z.object({ running: scanIdSchema.nullable(), scans: z.array(scanSummarySchema) }),
  },
  importFindings: { input: importFindingsInput, output: importResultSchema },
} as const;

type Calls = typeof discoveryCalls;

export interface DiscoveryApi {
  /**
   * Start scanning files and folders (and, if asked, the known locations) for plaintext tokens,
   * including the exact values already in the vault. Resolves at once with the scan's id; follow
   * it with getScan. One scan runs at a time.
   */
  startScan: CallOf<Calls['startScan']>;
  /**
   * A scan's progress, and its result once done. With `waitMs`, answers when the scan ends or
   * after that long, whichever is first. Finished scans are kept in the Lapse folder (no secrets).
   */
  getScan: CallOf<Calls['getScan']>;
  /** Stop a running scan; what was found so far is discarded. */
  cancelScan: CallOf<Calls['cancelScan']>;
  /** The scan running now (if any) and the saved scans, newest first (Lapse keeps the last 20). */
  listScans: CallOf<Calls['listScans']>;
  /**
   * Store chosen findings of a scan in the OS keychain, each re-read from its file and checked
   * against its fingerprint, tagged `imported` with its source file recorded. Returns per finding
   * what happened, and per kind of place how to stop keeping the plaintext copy. Never edits a file.
   */
  importFindings: CallOf<Calls['importFindings']>;
}
