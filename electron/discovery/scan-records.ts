import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ScanResult } from '../../shared/contract/discovery-calls.js';
import type { SavedScan } from './saved-scans.js';
import { safeText } from '../../shared/terminal-text.js';

export type { SavedScan, Span } from './saved-scans.js';

const keptScans = 20;

export const scansFolder = (lapseHome: string): string => path.join(lapseHome, 'scans');

/** `20261127T091532Z-a1b2c3`: sortable by start, unique by its random tail. */
export const newScanId = (now: number): string =>
  `${new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;

/** Write a scan's results (mode 0600, atomically) and keep only the newest 20. */
export async function saveScan(folder: string, scan: SavedScan): Promise<void> {
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  const file = path.join(folder, `${scan.scanId}.json`);
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(scan, null, 1), { mode: 0o600 });
  await fs.rename(temporary, file);
  const saved = (await fs.readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  for (const old of saved.slice(0, Math.max(0, saved.length - keptScans)))
    await fs.rm(path.join(folder, old), { force: true });
}

/** The result as the contract shows it: without the spans. */
export function resultOf(saved: SavedScan): ScanResult {
  const { version: _version, spans: _spans, ...result } = saved;
  // The saved scan keeps each file's real path (import reads it again); every face shows its
  // terminal-safe form, so a planted name (escape sequences, a line break) cannot forge output.
  return {
    ...result,
    paths: result.paths.map((p) => safeText(p, 4096)),
    findings: result.findings.map((f) => ({ ...f, file: safeText(f.file, 4096) })),
  };
}
