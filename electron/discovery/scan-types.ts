import type { SkipReason } from '../../shared/contract/discovery-calls.js';
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
}

export type FileOutcome =
  | { path: string; source: SourceKind; bytes: number; hits: FileHit[] }
  | { path: string; skip: SkipReason };

/** What the vault lends a scan: hashes of its secrets, never the secrets. */
export interface VaultDigest {
  entries: { sha256: string; tokenId: string; provider: ProviderId; kind: string; masked: string; fingerprint: string }[];
  /** Byte lengths of the secrets. */
  lengths: number[];
  /** Every byte value that occurs in a secret, so candidate runs are cut where a secret can't continue. */
  bytes: number[];
  /** Length, first and last byte of each secret, as one number: a cheap test that spares most hashes. */
  shapes: number[];
}

export const emptyDigest = (): VaultDigest => ({ entries: [], lengths: [], bytes: [], shapes: [] });

export interface ScanLimits {
  /** Files larger than this are skipped as too large. */
  maxFileBytes: number;
}

export const defaultLimits: ScanLimits = { maxFileBytes: 64 * 1024 * 1024 };
