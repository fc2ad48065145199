import path from 'node:path';
import type { SkipReason } from '../../shared/contract/discovery-calls.js';
import { knownLocations, type SourceKind } from '../../shared/discovery/sources.js';
import { scanPool } from './scan-pool.js';
import type { FileHit, ScanLimits, VaultDigest } from './scan-types.js';
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
}

export interface ScanRequest {
  /** Absolute paths (already expanded). */
  paths: string[];
  knownLocations: boolean;
  /** The user's home folder, where the known locations are. */
  userHome: string;
}

/** The roots a request names: known locations (pinned to their kind) first, then the paths given. */
export function scanRoots(request: ScanRequest): WalkRoot[] {
  const known: WalkRoot[] = request.knownLocations
    ? knownLocations.map((k) => ({ path: path.join(request.userHome, ...k.path.split('/')), source: k.source, optional: true }))
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
  const raw: RawScan = { files: [], scanned: { files: 0, bytes: 0 }, skipped: { files: 0, reasons: {} } };
  const controller = new AbortController();
  const seen = new Set<string>();
  const skip = (reason: SkipReason) => {
    raw.skipped.files++;
    raw.skipped.reasons[reason] = (raw.skipped.reasons[reason] ?? 0) + 1;
    progress.skipped++;
  };
  let failure: Error | null = null;
  const pool = scanPool(
    digest,
    limits,
    (outcome) => {
      if ('skip' in outcome) return skip(outcome.skip);
      raw.scanned.files++;
      raw.scanned.bytes += outcome.bytes;
      progress.files++;
      progress.bytes += outcome.bytes;
      progress.findings += outcome.hits.length;
      if (outcome.hits.length) raw.files.push({ path: outcome.path, source: outcome.source, hits: outcome.hits });
    },
    (error) => {
      failure = error;
      controller.abort();
    },
  );
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
      const aborted = new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true }));
      if (!controller.signal.aborted) await Promise.race([pool.drained(), aborted]);
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
