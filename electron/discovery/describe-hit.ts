import { hash } from 'node:crypto';
import type { SecretHit } from '../../shared/discovery/secret-hit.js';
import { maskSecret } from '../../shared/formats.js';
import type { FileHit, VaultDigest } from './scan-types.js';
import type { VaultSpan } from './vault-matcher.js';

/** Where a hit is: the byte offset of its span, and its line and column. */
export interface HitPlace {
  offset: number;
  line: number;
  column: number;
}

type VaultEntry = VaultDigest['entries'][number];

/** A secret the detector found, as a scan reports it: masked, fingerprinted, and tied to the vault's token when its hash is one. */
export function describeSecret(hit: SecretHit, at: HitPlace, vaultByHash: Map<string, VaultEntry>): FileHit {
  const sha256 = hash('sha256', hit.value, 'hex');
  return {
    offset: at.offset,
    length: hit.end - hit.start,
    line: at.line,
    column: at.column,
    encoding: hit.encoding,
    provider: hit.provider,
    kind: hit.kind,
    masked: hit.masked ?? maskSecret(hit.value, hit.prefix),
    fingerprint: sha256.slice(0, 8),
    tokenId: vaultByHash.get(sha256)?.tokenId ?? null,
    checksum: hit.checksum,
    privateKey: hit.privateKey ?? null,
  };
}

/** One of the vault's own values, found by its hash where the detector saw nothing: described from the vault's entry. */
export function describeVaultSpan(span: VaultSpan, at: HitPlace, entry: VaultEntry | undefined): FileHit {
  return {
    offset: at.offset,
    length: span.end - span.start,
    line: at.line,
    column: at.column,
    encoding: 'plain',
    provider: entry?.provider ?? 'generic',
    kind: entry?.kind ?? 'API key',
    masked: entry?.masked ?? '••••',
    fingerprint: entry?.fingerprint ?? '00000000',
    tokenId: span.tokenId,
    checksum: null,
    privateKey: null,
  };
}
