import fs from 'node:fs';
import path from 'node:path';
import { prefilterPattern } from '../../shared/discovery/prefilter.js';
import { sourceOf, type SourceKind } from '../../shared/discovery/sources.js';
import { FileScanner } from './file-scanner.js';
import { ripgrepCandidates, type RipgrepRun } from './ripgrep.js';
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
  return ripgrepCandidates(rg, present, patterns, limits.maxFileBytes, (file, candidates) => {
    if (seen.has(file)) return;
    seen.add(file);
    done(scanner.scanCandidates(file, pinned.get(file) ?? sourceOf(file), policy(file), candidates));
  });
}
