import type { TokenRecord } from '../../shared/model.js';
import { safeText } from '../../shared/terminal-text.js';
import type { ServiceParts } from '../service-parts.js';
import { assembleFindings } from './assemble-findings.js';
import type { RawScan, ScanRequest } from './run-scan.js';
import { saveScan, type SavedScan } from './scan-records.js';

/** What a scan was asked for, and what the vault could lend it, as known when it started. */
export interface ScanStart {
  scanId: string;
  startedAt: string;
  /** The paths as the caller gave them (before `~` was expanded). */
  paths: string[];
  knownLocations: boolean;
  git: NonNullable<ScanRequest['git']>;
  /** Tokens whose values the keychain did not lend, matched by fingerprint instead. */
  missing: TokenRecord[];
  /** Why the vault's own values were not looked for, when they were not. */
  warning: string | null;
}

/**
 * A finished scan: its findings numbered and matched to the vault, saved in `folder`, and every
 * vault token it found in plaintext marked exposed there.
 */
export async function finishScan(
  { store, now }: Pick<ServiceParts, 'store' | 'now'>,
  folder: string,
  start: ScanStart,
  raw: RawScan,
): Promise<SavedScan> {
  const { findings, spans } = assembleFindings(raw, start.missing);
  const finishedAt = new Date(now()).toISOString();
  const warnings = start.warning ? [start.warning] : [];
  if (raw.skipped.reasons['not-found']) warnings.push('Some paths given do not exist; they were skipped.');
  const saved: SavedScan = {
    version: 1,
    scanId: start.scanId,
    startedAt: start.startedAt,
    finishedAt,
    paths: start.paths,
    knownLocations: start.knownLocations,
    git: start.git,
    scanned: raw.scanned,
    findings,
    skipped: { files: raw.skipped.files, reasons: raw.skipped.reasons as Record<string, number> },
    warnings,
    engine: raw.engine,
    spans,
  };
  await saveScan(folder, saved);
  const exposed = findings.flatMap((f) =>
    f.tokenId ? [{ tokenId: f.tokenId, file: safeText(f.file, 4096), line: f.line }] : [],
  );
  if (exposed.length) await (await import('./record-exposures.js')).recordExposures(store, exposed, finishedAt);
  return saved;
}
