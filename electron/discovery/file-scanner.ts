import fs from 'node:fs';
import { findSecrets } from '../../shared/discovery/find-secrets.js';
import type { SecretHit } from '../../shared/discovery/secret-hit.js';
import type { SourceKind } from '../../shared/discovery/sources.js';
import { LineCounter } from './line-counter.js';
import {
  placeOf,
  windowLookahead,
  windowLookback,
  windowsAround,
  type Candidate,
  type CandidateWindow,
} from './candidate-windows.js';
import { describeSecret, describeVaultSpan } from './describe-hit.js';
import { linesInBlocks, type LineBlock } from './line-blocks.js';
import type { MatchedLine } from './ripgrep-output.js';
import { columnOf, countNewlines } from './text-places.js';
import type { FileHit, FileOutcome, KeyPolicy, ScanLimits, VaultDigest } from './scan-types.js';
import { vaultMatcher, type VaultSpan } from './vault-matcher.js';

const chunkBytes = 256 * 1024;

/**
 * Opens for reading without waiting: a file swapped for a FIFO between the walk and the read
 * would block a plain open until a writer comes (forever). The type is checked after the open
 * (fstat): only a regular file is read, and reads of a regular file never block.
 */
export const openNonBlocking = (path: string): number =>
  fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
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
      fd = openNonBlocking(path);
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

  /**
   * Read only the regions around `candidates` (where the prefilter matched), and report the secrets
   * that start in them: the same detector as a whole-file read, on a fraction of the bytes.
   */
  scanCandidates(path: string, source: SourceKind, keys: KeyPolicy, candidates: readonly Candidate[]): FileOutcome {
    let fd: number;
    try {
      fd = fs.openSync(path, 'r');
    } catch {
      return { path, skip: 'unreadable' };
    }
    try {
      const { size } = fs.fstatSync(fd);
      const hits: FileHit[] = [];
      for (const window of windowsAround(candidates, size)) {
        const outcome = this.readWindow(fd, window, size, source, keys, hits);
        if (outcome === 'binary') return { path, skip: 'binary' };
      }
      return { path, source, bytes: size, hits };
    } catch {
      return { path, skip: 'unreadable' };
    } finally {
      fs.closeSync(fd);
    }
  }

  private readWindow(
    fd: number,
    window: CandidateWindow,
    size: number,
    source: SourceKind,
    keys: KeyPolicy,
    hits: FileHit[],
  ): 'binary' | 'read' {
    const readStart = Math.max(0, window.start - windowLookback);
    let readEnd = Math.min(size, window.end + windowLookahead);
    let bytes = this.readRange(fd, readStart, readEnd);
    if (bytes.indexOf(0) !== -1) return 'binary';
    // A PEM block whose END lies beyond the region: read on until it (keys are at most 16 KiB).
    const opened = bytes.lastIndexOf(pemBegin);
    if (opened !== -1 && bytes.indexOf(pemEnd, opened) === -1 && readEnd < size) {
      readEnd = Math.min(size, readStart + opened + 17 * 1024);
      bytes = this.readRange(fd, readStart, readEnd);
    }
    const from = window.start - readStart;
    const to = window.end - readStart;
    const text = bytes.toString('latin1');
    const found = findSecrets(text, from, to, source).filter(
      (hit) => !hit.privateKey || keys === 'all' || (keys === 'unencrypted' && !hit.privateKey.encrypted),
    );
    const own = this.matchVault
      ? this.matchVault(bytes, from, to, bytes.length).filter((v) => !found.some((f) => overlaps(f, v)))
      : [];
    const spans: (SecretHit | VaultSpan)[] = [...found, ...own].sort((a, b) => a.start - b.start);
    for (const span of spans) {
      const { line, column } = placeOf(bytes, readStart, readStart + span.start, window.anchors);
      hits.push(
        'tokenId' in span
          ? this.describeOwn(span, readStart, line, column)
          : this.describe(span, readStart, line, column),
      );
    }
    return 'read';
  }

  private readRange(fd: number, start: number, end: number): Buffer {
    const length = end - start;
    const target = length <= this.buffer.length ? this.buffer.subarray(0, length) : Buffer.allocUnsafe(length);
    const n = fs.readSync(fd, target, 0, length, start);
    return target.subarray(0, n);
  }

  /**
   * The secrets in the lines ripgrep printed (its prefilter matched in each): the same detector as a
   * whole-file read, on those lines only, with no file opened. Neighbouring lines are read as one
   * text, as they stand in the file.
   */
  scanLines(path: string, source: SourceKind, keys: KeyPolicy, lines: readonly MatchedLine[]): FileOutcome {
    const hits: FileHit[] = [];
    for (const block of linesInBlocks(lines)) this.scanBlock(block, source, keys, hits);
    return { path, source, bytes: 0, hits };
  }

  private scanBlock(block: LineBlock, source: SourceKind, keys: KeyPolicy, hits: FileHit[]): void {
    const { bytes } = block;
    const text = bytes.toString('latin1');
    const found = findSecrets(text, 0, text.length, source).filter(
      (hit) => !hit.privateKey || keys === 'all' || (keys === 'unencrypted' && !hit.privateKey.encrypted),
    );
    const own = this.matchVault
      ? this.matchVault(bytes, 0, bytes.length, bytes.length).filter((v) => !found.some((f) => overlaps(f, v)))
      : [];
    if (found.length === 0 && own.length === 0) return;
    const spans: (SecretHit | VaultSpan)[] = [...found, ...own].sort((a, b) => a.start - b.start);
    for (const span of spans) {
      const lineStart = span.start === 0 ? 0 : bytes.lastIndexOf(10, span.start - 1) + 1;
      const line = block.line + countNewlines(bytes, lineStart);
      const column = columnOf(bytes, 0, lineStart, span.start);
      hits.push(
        'tokenId' in span
          ? this.describeOwn(span, block.offset, line, column)
          : this.describe(span, block.offset, line, column),
      );
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
      const cut = end
        ? filled
        : keepKeyWhole(buffer, from, lastNewline >= from ? lastNewline + 1 : Math.max(from, filled - overlap));
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

  private round(
    buffer: Buffer,
    start: number,
    from: number,
    cut: number,
    filled: number,
    source: SourceKind,
    keys: KeyPolicy,
    lines: LineCounter,
    hits: FileHit[],
  ): void {
    const text = buffer.toString('latin1', 0, filled);
    const found = findSecrets(text, from, cut, source).filter(
      (hit) => !hit.privateKey || keys === 'all' || (keys === 'unencrypted' && !hit.privateKey.encrypted),
    );
    const own = this.matchVault
      ? this.matchVault(buffer, from, cut, filled).filter((v) => !found.some((f) => overlaps(f, v)))
      : [];
    if (found.length === 0 && own.length === 0) return;
    const spans: (SecretHit | VaultSpan)[] = [...found, ...own].sort((a, b) => a.start - b.start);
    for (const span of spans) {
      const { line, lineStart } = lines.at(start + span.start, buffer, start, filled);
      const column = columnOf(buffer, start, lineStart, start + span.start);
      hits.push(
        'tokenId' in span ? this.describeOwn(span, start, line, column) : this.describe(span, start, line, column),
      );
    }
  }

  private describe(hit: SecretHit, start: number, line: number, column: number): FileHit {
    return describeSecret(hit, { offset: start + hit.start, line, column }, this.vaultByHash);
  }

  private describeOwn(span: VaultSpan, start: number, line: number, column: number): FileHit {
    return describeVaultSpan(span, { offset: start + span.start, line, column }, this.vaultById.get(span.tokenId));
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

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;
