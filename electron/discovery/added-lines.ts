import fs from 'node:fs';
import path from 'node:path';
import type { FindingCommit } from '../../shared/contract/discovery-calls.js';
import { findSecrets } from '../../shared/discovery/find-secrets.js';
import { sourceOf } from '../../shared/discovery/sources.js';
import { describeSecret, describeVaultSpan, type HitPlace } from './describe-hit.js';
import type { FileHit, FileOutcome, ScanLimits, VaultDigest } from './scan-types.js';
import { vaultMatcher } from './vault-matcher.js';

/** The lines one commit (or the staged change) added to one file, as git shows them. */
export interface AddedLines {
  /** Repository-relative path, `/`-separated. */
  file: string;
  commit: Omit<FindingCommit, 'stillInTree'> | null;
  lines: string[];
  /** The line number (in that version of the file) of each added line. */
  numbers: number[];
}

/**
 * Reads each file's added lines with the same detector and vault matcher as files on disk. The
 * outcome's hits name the commit and, when `checkTree` (a history scan), whether the secret is
 * still in the checked-out file; null for lines too large to read or holding a NUL byte.
 */
export function addedLinesReader(
  top: string,
  checkTree: boolean,
  digest: VaultDigest,
  limits: ScanLimits,
): (added: AddedLines) => FileOutcome | null {
  const vaultByHash = new Map(digest.entries.map((e) => [e.sha256, e]));
  const vaultById = new Map(digest.entries.map((e) => [e.tokenId, e]));
  const matchVault = vaultMatcher(digest);
  return (added) => {
    const text = added.lines.join('\n');
    const bytes = Buffer.from(text, 'latin1');
    if (bytes.length > limits.maxFileBytes || text.includes('\0')) return null;
    const placeOf = placer(added);
    const full = path.join(top, ...added.file.split('/'));
    const onDisk = checkTree ? readIfSmall(full, limits.maxFileBytes) : null;
    const commitOf = (value: string): FileHit['commit'] =>
      added.commit ? { ...added.commit, stillInTree: onDisk?.includes(value) ?? false } : null;
    const hits: FileHit[] = [];
    const found = findSecrets(text, 0, text.length, sourceOf(full));
    for (const hit of found)
      hits.push({ ...describeSecret(hit, placeOf(hit.start), vaultByHash), commit: commitOf(hit.value) });
    for (const own of matchVault?.(bytes, 0, bytes.length, bytes.length) ?? []) {
      if (found.some((f) => f.start < own.end && own.start < f.end)) continue;
      const value = text.slice(own.start, own.end);
      hits.push({ ...describeVaultSpan(own, placeOf(own.start), vaultById.get(own.tokenId)), commit: commitOf(value) });
    }
    hits.sort((a, b) => a.line - b.line || a.column - b.column);
    return { path: full, source: sourceOf(full), bytes: bytes.length, hits };
  };
}

/** The column in characters (from 1) of byte-offset `at` in a latin1-decoded line. */
const columnOf = (line: string, at: number) => Buffer.from(line.slice(0, at), 'latin1').toString('utf8').length + 1;

/** Where an offset into the joined added lines is in that version of the file (offset 0: the lines are no file's bytes). */
function placer(added: AddedLines): (offset: number) => HitPlace {
  const lineStarts: number[] = [];
  let at = 0;
  for (const l of added.lines) {
    lineStarts.push(at);
    at += l.length + 1;
  }
  return (offset) => {
    let i = 0;
    while (i + 1 < lineStarts.length && (lineStarts[i + 1] ?? Infinity) <= offset) i++;
    return {
      offset: 0,
      line: added.numbers[i] ?? 1,
      column: columnOf(added.lines[i] ?? '', offset - (lineStarts[i] ?? 0)),
    };
  };
}

function readIfSmall(file: string, max: number): string | null {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size <= max ? fs.readFileSync(file, 'latin1') : null;
  } catch {
    return null;
  }
}
