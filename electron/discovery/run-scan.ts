import path from 'node:path';
import type { SkipReason } from '../../shared/contract/discovery-calls.js';
import { knownLocations, type SourceKind } from '../../shared/discovery/sources.js';
import { scanPool } from './scan-pool.js';
import { scanGit, type GitMode } from './git-history.js';
import { locateRipgrep } from './ripgrep.js';
import { ripgrepScan } from './ripgrep-scan.js';
import type { FileHit, FileOutcome, ScanLimits, VaultDigest } from './scan-types.js';
import { walk, type WalkRoot } from './walk.js';

export interface ScanProgress {
  files: number;
  bytes: number;
  findings: number;
  skipped: number;
}

/** What a scan read, before findings are numbered and matched to the vault. */
export interface RawScan {
  files: { path: string; source: SourceKind; hits: FileHit[] }[];
  scanned: { files: number; bytes: number };
  skipped: { files: number; reasons: Partial<Record<SkipReason, number>> };
  /** How it read: every byte in Node, or the regions ripgrep pointed at. */
  engine: 'node' | 'ripgrep';
}

/** ripgrep, when the limits allow it, the system has it, and every vault value has a pattern it can find. */
function ripgrepFor(limits: ScanLimits, digest: VaultDigest): string | null {
  if (limits.engine === 'node') return null;
  const rg = locateRipgrep();
  return rg && digest.entries.every((e) => e.pattern !== null) ? rg : null;
}

export interface ScanRequest {
  /** Absolute paths (already expanded). */
  paths: string[];
  knownLocations: boolean;
  /** The user's home folder, where the known locations are. */
  userHome: string;
  /** Repositories whose history (every commit's added lines) or staged changes to read too. */
  git?: { repo: string; mode: GitMode }[];
}

/** The roots a request names: known locations (pinned to their kind) first, then the paths given. */
export function scanRoots(request: ScanRequest): WalkRoot[] {
  const known: WalkRoot[] = request.knownLocations
    ? knownLocations.map((k) => ({
        path: path.join(request.userHome, ...k.path.split('/')),
        source: k.source,
        optional: true,
      }))
    : [];
  const seen = new Set(known.map((k) => k.path));
  return [...known, ...request.paths.filter((p) => !seen.has(p)).map((p) => ({ path: p }))];
}

export interface RunningScan {
  progress: ScanProgress;
  done: Promise<RawScan>;
  cancel(): void;
}

/** Walk the roots and read every file on the scan threads; progress is live while it runs. */
export function runScan(request: ScanRequest, digest: VaultDigest, limits: ScanLimits): RunningScan {
  const progress: ScanProgress = { files: 0, bytes: 0, findings: 0, skipped: 0 };
  const rg = ripgrepFor(limits, digest);
  const raw: RawScan = {
    files: [],
    scanned: { files: 0, bytes: 0 },
    skipped: { files: 0, reasons: {} },
    engine: rg ? 'ripgrep' : 'node',
  };
  const controller = new AbortController();
  const seen = new Set<string>();
  const skip = (reason: SkipReason) => {
    raw.skipped.files++;
    raw.skipped.reasons[reason] = (raw.skipped.reasons[reason] ?? 0) + 1;
    progress.skipped++;
  };
  let failure: Error | null = null;
  const read = (outcome: FileOutcome) => {
    if ('skip' in outcome) return skip(outcome.skip);
    raw.scanned.files++;
    raw.scanned.bytes += outcome.bytes;
    progress.files++;
    progress.bytes += outcome.bytes;
    progress.findings += outcome.hits.length;
    if (outcome.hits.length) raw.files.push({ path: outcome.path, source: outcome.source, hits: outcome.hits });
  };
  if (rg) return ripgrepRun(rg, request, digest, limits, raw, progress, read, skip);
  const pool = scanPool(digest, limits, read, (error) => {
    failure = error;
    controller.abort();
  });
  const done = (async () => {
    try {
      await walk(
        scanRoots(request),
        {
          file(task) {
            // Known locations may also lie inside a folder asked for: read each file once.
            if (seen.has(task.path)) return;
            seen.add(task.path);
            pool.add(task);
          },
          skip: (_path, reason) => skip(reason),
        },
        controller.signal,
        { sshFolder: path.join(request.userHome, '.ssh') },
      );
      const aborted = new Promise<void>((resolve) =>
        controller.signal.addEventListener('abort', () => resolve(), { once: true }),
      );
      if (!controller.signal.aborted) await Promise.race([pool.drained(), aborted]);
      await scanRepositories(request, digest, limits, read, controller.signal);
    } finally {
      await pool.stop();
    }
    if (failure) throw failure;
    if (controller.signal.aborted) throw new Error('cancelled');
    raw.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return raw;
  })();
  return { progress, done, cancel: () => controller.abort() };
}

/** The same scan with ripgrep choosing the regions to read (ripgrep-scan.ts). */
function ripgrepRun(
  rg: string,
  request: ScanRequest,
  digest: VaultDigest,
  limits: ScanLimits,
  raw: RawScan,
  progress: ScanProgress,
  read: (outcome: FileOutcome) => void,
  skip: (reason: SkipReason) => void,
): RunningScan {
  let cancelled = false;
  // ripgrep's own count replaces the files it pointed at (read here too); commits are added on.
  let filesRead = 0;
  let bytesRead = 0;
  const counted = (outcome: FileOutcome) => {
    if (!('skip' in outcome)) {
      filesRead++;
      bytesRead += outcome.bytes;
    }
    read(outcome);
  };
  const run = ripgrepScan(
    rg,
    request.paths.length || request.knownLocations ? scanRoots(request) : [],
    digest,
    limits,
    path.join(request.userHome, '.ssh'),
    { skip: (_path, reason) => skip(reason) },
    counted,
  );
  const controller = new AbortController();
  const done = (async () => {
    const searched = request.paths.length || request.knownLocations ? await run.done : { files: 0, bytes: 0 };
    await scanRepositories(request, digest, limits, read, controller.signal);
    if (cancelled) throw new Error('cancelled');
    // ripgrep counts what it searched; files without a match were never opened here.
    raw.scanned = {
      files: raw.scanned.files + searched.files - filesRead,
      bytes: raw.scanned.bytes + searched.bytes - bytesRead,
    };
    progress.files = raw.scanned.files;
    progress.bytes = raw.scanned.bytes;
    raw.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return raw;
  })();
  return {
    progress,
    done,
    cancel: () => {
      cancelled = true;
      controller.abort();
      run.cancel();
    },
  };
}

/** Every repository's history or staged changes asked for, one after another. */
async function scanRepositories(
  request: ScanRequest,
  digest: VaultDigest,
  limits: ScanLimits,
  read: (outcome: FileOutcome) => void,
  signal: AbortSignal,
): Promise<void> {
  for (const { repo, mode } of request.git ?? []) {
    if (signal.aborted) return;
    await scanGit(repo, mode, digest, limits, read, signal);
  }
}
