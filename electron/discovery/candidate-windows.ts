import type { MatchedLine } from './ripgrep-output.js';
import { columnOf } from './text-places.js';

/** A place in a file where the prefilter matched: the detector reads the region around it. */
export interface Candidate {
  /** Byte offset of the match in the file. */
  offset: number;
  /** Its line, from 1. */
  line: number;
  /** Its column in bytes, from 1 (so the line starts at offset − column + 1). */
  column: number;
}

// The region read around each prefilter match: enough before it for a key's start and a token's
// left edge, enough after it for a value, an AWS secret beside its key id, an XML value on the next line.
const windowBefore = 128;
const windowAfter = 512;
// Read beyond a region so a secret starting in it is read whole (values run to 1 KiB), and a key before it is seen.
export const windowLookback = 256;
export const windowLookahead = 1280;

export interface CandidateWindow {
  start: number;
  end: number;
  /** The candidates in it, in order: their line and column place every hit. */
  anchors: Candidate[];
}

/** The candidates' regions, overlapping ones merged. */
export function windowsAround(candidates: readonly Candidate[], size: number): CandidateWindow[] {
  const windows: CandidateWindow[] = [];
  for (const c of candidates) {
    const start = Math.max(0, c.offset - windowBefore);
    const end = Math.min(size, c.offset + windowAfter);
    const last = windows[windows.length - 1];
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      last.anchors.push(c);
    } else {
      windows.push({ start, end, anchors: [c] });
    }
  }
  return windows;
}

/** Line and column (characters, from 1) of `offset`, counted from the nearest candidate ripgrep placed. */
export function placeOf(
  bytes: Buffer,
  readStart: number,
  offset: number,
  anchors: readonly Candidate[],
): { line: number; column: number } {
  let anchor = anchors[0] as Candidate;
  for (const a of anchors) if (a.offset <= offset) anchor = a;
  let line = anchor.line;
  const [low, high] = anchor.offset <= offset ? [anchor.offset, offset] : [offset, anchor.offset];
  let newlines = 0;
  for (let i = bytes.indexOf(10, low - readStart); i !== -1 && i < high - readStart; i = bytes.indexOf(10, i + 1))
    newlines++;
  line += anchor.offset <= offset ? newlines : -newlines;
  const before = offset > readStart ? bytes.lastIndexOf(10, offset - readStart - 1) : -1;
  const lineStart =
    before !== -1 ? readStart + before + 1 : line === anchor.line ? anchor.offset - anchor.column + 1 : readStart;
  return { line, column: columnOf(bytes, readStart, lineStart, offset) };
}

// Anchors along a printed line this far apart, so the regions around them cover all of it.
const anchorStep = windowAfter - windowBefore;

/** Candidates that cover whole lines (and what follows them): for lines whose secret may run past their end. */
export function candidatesOnLines(lines: readonly MatchedLine[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const { line, offset, bytes } of lines)
    for (let at = 0; at === 0 || at < bytes.length; at += anchorStep)
      candidates.push({ offset: offset + at, line, column: at + 1 });
  return candidates;
}
