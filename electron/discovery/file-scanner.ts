import { hash } from 'node:crypto';
import fs from 'node:fs';
import { findSecrets } from '../../shared/discovery/find-secrets.js';
import type { SecretHit } from '../../shared/discovery/secret-hit.js';
import type { SourceKind } from '../../shared/discovery/sources.js';
import { maskSecret } from '../../shared/formats.js';
import { LineCounter } from './line-counter.js';
import type { FileHit, FileOutcome, KeyPolicy, ScanLimits, VaultDigest } from './scan-types.js';
import { vaultMatcher, type VaultSpan } from './vault-matcher.js';

const chunkBytes = 256 * 1024;
// A line longer than a chunk is cut this far before the chunk's end, so no token is split.
const overlap = 16 * 1024;
// …and this much before the cut is kept, so a key stays visible to the value after it.
const lookback = 256;

type VaultEntry = VaultDigest['entries'][number];

/**
 * Reads files front to back in 1 MiB chunks (never whole) and reports the secrets in them.
 * One instance per thread: it reuses one buffer for every file it reads.
 */
export class FileScanner {
  private readonly buffer = Buffer.allocUnsafe(2 * chunkBytes);
  private readonly vaultByHash: Map<string, VaultEntry>;
  private readonly vaultById: Map<string, VaultEntry>;
  private readonly matchVault: ReturnType<typeof vaultMatcher>;

  constructor(
    digest: VaultDigest,
    private readonly limits: ScanLimits,
  ) {
    this.vaultByHash = new Map(digest.entries.map((e) => [e.sha256, e]));
    this.vaultById = new Map(digest.entries.map((e) => [e.tokenId, e]));
    this.matchVault = vaultMatcher(digest);
  }

  scan(path: string, source: SourceKind, keys: KeyPolicy = 'unencrypted'): FileOutcome {
    let fd: number;
    try {
      fd = fs.openSync(path, 'r');
    } catch {
      return { path, skip: 'unreadable' };
    }
    try {
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) return { path, skip: 'special-file' };
      if (stat.size > this.limits.maxFileBytes) return { path, skip: 'too-large' };
      return this.read(fd, path, source, stat.size, keys);
    } catch {
      return { path, skip: 'unreadable' };
    } finally {
      fs.closeSync(fd);
    }
  }

  private read(fd: number, path: string, source: SourceKind, size: number, keys: KeyPolicy): FileOutcome {
    const { buffer } = this;
    const lines = new LineCounter(fd);
    const hits: FileHit[] = [];
    let start = 0; // file offset of buffer[0]
    let carry = 0; // bytes at the buffer's front kept from the last round
    let from = 0; // where in the buffer this round's secrets may start
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, carry, Math.min(chunkBytes, buffer.length - carry), null);
      total += n;
      const filled = carry + n;
      // A NUL byte means a binary file (git and ripgrep decide the same way).
      if (n > 0 && buffer.subarray(carry, filled).indexOf(0) !== -1) return { path, skip: 'binary' };
      const end = n === 0 || total >= size;
      const lastNewline = end ? -1 : buffer.lastIndexOf(10, filled - 1);
      const cut = end ? filled : keepKeyWhole(buffer, from, lastNewline >= from ? lastNewline + 1 : Math.max(from, filled - overlap));
      if (cut > from) this.round(buffer, start, from, cut, filled, source, keys, lines, hits);
      if (end) break;
      const keep = lastNewline >= from ? cut : Math.max(from, cut - lookback);
      buffer.copy(buffer, 0, keep, filled);
      carry = filled - keep;
      from = cut - keep;
      start += keep;
    }
    return { path, source, bytes: total, hits };
  }

  private round(buffer: Buffer, start: number, from: number, cut: number, filled: number, source: SourceKind, keys: KeyPolicy, lines: LineCounter, hits: FileHit[]): void {
    const text = buffer.toString('latin1', 0, filled);
    const found = findSecrets(text, from, cut, source).filter((hit) => !hit.privateKey || keys === 'all' || (keys === 'unencrypted' && !hit.privateKey.encrypted));
    const own = this.matchVault ? this.matchVault(buffer, from, cut, filled).filter((v) => !found.some((f) => overlaps(f, v))) : [];
    if (found.length === 0 && own.length === 0) return;
    const spans: (SecretHit | VaultSpan)[] = [...found, ...own].sort((a, b) => a.start - b.start);
    for (const span of spans) {
      const { line, lineStart } = lines.at(start + span.start, buffer, start, filled);
      const column = columnOf(buffer, start, lineStart, start + span.start);
      hits.push('tokenId' in span ? this.describeOwn(span, start, line, column) : this.describe(span, start, line, column));
    }
  }

  private describe(hit: SecretHit, start: number, line: number, column: number): FileHit {
    const sha256 = hash('sha256', hit.value, 'hex');
    return {
      offset: start + hit.start,
      length: hit.end - hit.start,
      line,
      column,
      encoding: hit.encoding,
      provider: hit.provider,
      kind: hit.kind,
      masked: hit.masked ?? maskSecret(hit.value, hit.prefix),
      fingerprint: sha256.slice(0, 8),
      tokenId: this.vaultByHash.get(sha256)?.tokenId ?? null,
      checksum: hit.checksum,
      privateKey: hit.privateKey ?? null,
    };
  }

  private describeOwn(span: VaultSpan, start: number, line: number, column: number): FileHit {
    const entry = this.vaultById.get(span.tokenId);
    return {
      offset: start + span.start,
      length: span.end - span.start,
      line,
      column,
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
}

const pemBegin = Buffer.from('-----BEGIN ');
const pemEnd = Buffer.from('-----END ');

/** A cut that would fall inside a PEM block moves back to the block's start, so the key is read whole. */
function keepKeyWhole(buffer: Buffer, from: number, cut: number): number {
  const opened = buffer.lastIndexOf(pemBegin, cut - 1);
    const closed = buffer.indexOf(pemEnd, opened);
  if (opened < from || (closed !== -1 && closed < cut)) return cut;
  const lineStart = buffer.lastIndexOf(10, opened) + 1;
  return lineStart > from ? lineStart : cut;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** The column in characters (from 1): bytes before the span on its line, decoded when not ASCII. */
function columnOf(buffer: Buffer, start: number, lineStart: number, offset: number): number {
  if (lineStart < start) return offset - lineStart + 1;
  const prefix = buffer.subarray(lineStart - start, offset - start);
  for (const byte of prefix) if (byte >= 0x80) return prefix.toString('utf8').length + 1;
  return prefix.length + 1;
}
