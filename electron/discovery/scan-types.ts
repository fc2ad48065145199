import type { FindingCommit, SkipReason } from '../../shared/contract/discovery-calls.js';
import type { ChecksumVerdict } from '../../shared/discovery/checksums.js';
import type { SpanEncoding } from '../../shared/discovery/secret-hit.js';
import type { SourceKind } from '../../shared/discovery/sources.js';
import type { ProviderId } from '../../shared/model.js';

/**
 * Which private keys in a file are worth reporting: `all` in a git repository (anyone with a copy
 * has them), `unencrypted` elsewhere, `none` in ~/.ssh (their place), unless that is a repository.
 */
export type KeyPolicy = 'all' | 'unencrypted' | 'none';

/** A file to read, as the walk found it. */
export interface FileTask {
  path: string;
  size: number;
  source: SourceKind;
  keys: KeyPolicy;
}

/** A secret found in a file, as a worker reports it: where and what, never the value. */
export interface FileHit {
  /** Byte offset and length of the span in the file (the encoded form, for base64 spans). */
  offset: number;
  length: number;
  line: number;
  column: number;
  encoding: SpanEncoding;
  provider: ProviderId;
  kind: string;
  masked: string;
  fingerprint: string;
  tokenId: string | null;
  checksum: ChecksumVerdict;
  /** Set when the secret is a private key. */
  privateKey: { type: string; encrypted: boolean } | null;
  /** Set when it was found in a commit's added lines, not in a file on disk. */
  commit?: FindingCommit | null;
}

export type FileOutcome =
  { path: string; source: SourceKind; bytes: number; hits: FileHit[] } | { path: string; skip: SkipReason };

/** What the vault lends a scan: hashes of its secrets, never the secrets. */
export interface VaultDigest {
  entries: {
    sha256: string;
    tokenId: string;
    provider: ProviderId;
    kind: string;
    masked: string;
    fingerprint: string;
    /** A prefilter pattern from what the masked form shows and the length (prefilter.ts), or null when it shows too little. */
    pattern: string | null;
  }[];
  /** Byte lengths of the secrets. */
  lengths: number[];
  /** Every byte value that occurs in a secret, so candidate runs are cut where a secret can't continue. */
  bytes: number[];
  /** Length, first and last byte of each secret, as one number: a cheap test that spares most hashes. */
  shapes: number[];
}

export const emptyDigest = (): VaultDigest => ({ entries: [], lengths: [], bytes: [], shapes: [] });

/**
 * How files are read: `node` reads every byte in worker threads; `ripgrep` has ripgrep find the
 * regions where the detector could match and reads only those; `auto` uses ripgrep where the
 * system has it and the vault's values can be looked for that way, else `node`.
 */
export type ScanEngine = 'auto' | 'node' | 'ripgrep';

export interface ScanLimits {
  /** Files larger than this are skipped as too large. */
  maxFileBytes: number;
  engine: ScanEngine;
}

const engineFromEnv = (value: string | undefined): ScanEngine =>
  value === 'node' || value === 'ripgrep' ? value : 'auto';

/** LAPSE_SCAN_ENGINE (node, ripgrep) chooses the engine; unset, the scan picks. */
export const defaultLimits = (env: NodeJS.ProcessEnv = process.env): ScanLimits => ({
  maxFileBytes: 64 * 1024 * 1024,
  engine: engineFromEnv(env['LAPSE_SCAN_ENGINE']),
});
