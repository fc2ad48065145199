import fs from 'node:fs';
import path from 'node:path';
import { prefilterPattern } from '../../shared/discovery/prefilter.js';
import { keyWords } from '../../shared/discovery/key-values.js';
import { credentialSources, sourceOf, type SourceKind } from '../../shared/discovery/sources.js';
import { FileScanner } from './file-scanner.js';
import { candidatesOnLines } from './candidate-windows.js';
import { LongLineSearches } from './long-lines.js';
import { ripgrepLines, type RipgrepRun } from './ripgrep.js';
import { SlicedWork } from './sliced-work.js';
import type { MatchedLine } from './ripgrep-output.js';
import type { FileOutcome, KeyPolicy, ScanLimits, VaultDigest } from './scan-types.js';
import type { WalkRoot, WalkSink } from './walk.js';

/** Whether a folder or one above it holds `.git`; remembered per folder for the run. */
function repositoryCheck(): (dir: string) => boolean {
  const known = new Map<string, boolean>();
  const check = (dir: string): boolean => {
    const cached = known.get(dir);
    if (cached !== undefined) return cached;
    let inside: boolean;
    if (fs.existsSync(path.join(dir, '.git'))) inside = true;
    else {
      const up = path.dirname(dir);
      inside = up !== dir && check(up);
    }
    known.set(dir, inside);
    return inside;
  };
  return check;
}

/**
 * The scan with ripgrep finding where to look: one search over every root with the detector's
 * prefilter (and the vault values' patterns), then the detector reads only the regions around the
 * matches, in this thread. Missing roots are reported to `sink` as the walk would.
 */
export function ripgrepScan(
  rg: string,
  roots: WalkRoot[],
  digest: VaultDigest,
  limits: ScanLimits,
  sshFolder: string,
  sink: Pick<WalkSink, 'skip'>,
  done: (outcome: FileOutcome) => void,
): RipgrepRun {
  const pinned = new Map<string, SourceKind>();
  const present: string[] = [];
  for (const root of roots) {
    if (!fs.existsSync(root.path)) {
      if (!root.optional) sink.skip(root.path, 'not-found');
      continue;
    }
    if (root.source) pinned.set(root.path, root.source);
    present.push(root.path);
  }
  const scanner = new FileScanner(digest, limits);
  const inRepository = repositoryCheck();
  const seen = new Set<string>();
  const policy = (file: string): KeyPolicy =>
    inRepository(path.dirname(file))
      ? 'all'
      : file === sshFolder || file.startsWith(`${sshFolder}${path.sep}`)
        ? 'none'
        : 'unencrypted';
  const patterns = [prefilterPattern(), ...digest.entries.flatMap((e) => (e.pattern ? [e.pattern] : []))];
  if (present.length === 0) return { done: Promise.resolve({ files: 0, bytes: 0 }), cancel: () => undefined };
  const read = (file: string) => ({ source: pinned.get(file) ?? sourceOf(file), keys: policy(file) });
  // The detector's work, in slices between reads of ripgrep's output (sliced-work.ts).
  const work = new SlicedWork();
  // Files with a matched line too long to print: their matches are asked for one by one.
  const longLines = LongLineSearches.over(
    rg,
    patterns,
    limits.maxFileBytes,
    (found) =>
      work.add(() => {
        const { source, keys } = read(found.path);
        done(
          found.binary
            ? { path: found.path, skip: 'binary' }
            : scanner.scanCandidates(found.path, source, keys, found.lines),
        );
      }),
    // Changed between the two searches: read whole, as the scan without ripgrep would.
    (file) =>
      work.add(() => {
        const { source, keys } = read(file);
        done(scanner.scan(file, source, keys));
      }),
  );
  const first = ripgrepLines(rg, present, patterns, limits.maxFileBytes, (found) => {
    if (seen.has(found.path)) return;
    seen.add(found.path);
    if (found.binary) return done({ path: found.path, skip: 'binary' });
    const { source, keys } = read(found.path);
    // Credential files are read by their own syntax, whole (they are small).
    if (credentialSources.has(source)) return work.add(() => done(scanner.scan(found.path, source, keys)));
    if (found.omitted) return longLines.add(found.path);
    work.add(() =>
      done(
        found.lines.some(beyondItsLine)
          ? scanner.scanCandidates(found.path, source, keys, candidatesOnLines(found.lines))
          : scanner.scanLines(found.path, source, keys, found.lines),
      ),
    );
  });
  return {
    done: first.done.then(async (searched) => {
      await longLines.drained();
      await work.drained();
      return searched;
    }),
    cancel: () => {
      longLines.cancel();
      first.cancel();
    },
  };
}

// What a matched line alone cannot settle: a private key's block (the lines up to its END), the
// secret access key within a few lines after an AWS key id, the value of an XML element named for
// a secret on the lines after its tag (prefilter.ts matches that tag alone). Such lines are read
// from the file with what follows them.
const secretTagEnds = new RegExp(`<[A-Za-z0-9_:.-]*(?:${keyWords.source})[A-Za-z0-9_:.-]*>[ \\t\\r]*$`, 'i');
const beyondTheLine = /-----BEGIN |A(?:KIA|SIA|BIA|CCA|3T[A-Z0-9])/;
const beyondItsLine = (line: MatchedLine): boolean => {
  const text = line.bytes.toString('latin1');
  return beyondTheLine.test(text) || secretTagEnds.test(text);
};
