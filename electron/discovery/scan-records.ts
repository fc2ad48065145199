import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { scanResultSchema, type ScanResult } from '../../shared/contract/discovery-calls.js';
import { safeText } from '../../shared/terminal-text.js';

/** Where in its file each finding's secret sits, so import can read it again (secrets are never saved). */
export const spanSchema = z.object({
  n: z.number().int().min(1),
  offset: z.number().int().min(0),
  length: z.number().int().min(1),
  encoding: z.enum(['plain', 'base64', 'base64-userpass']),
});
export type Span = z.infer<typeof spanSchema>;

export const savedScanSchema = scanResultSchema.extend({ version: z.literal(1), spans: z.array(spanSchema) });
export type SavedScan = z.infer<typeof savedScanSchema>;

const keptScans = 20;

export const scansFolder = (lapseHome: string): string => path.join(lapseHome, 'scans');

/** `20261127T091532Z-a1b2c3`: sortable by start, unique by its random tail. */
export const newScanId = (now: number): string =>
  `${new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;

/** Write a scan's results (mode 0600, atomically) and keep only the newest 20. */
export async function saveScan(folder: string, scan: SavedScan): Promise<void> {
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  const file = path.join(folder, `${scan.scanId}.json`);
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(scan, null, 1), { mode: 0o600 });
  await fs.rename(temporary, file);
  const saved = (await fs.readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  for (const old of saved.slice(0, Math.max(0, saved.length - keptScans))) await fs.rm(path.join(folder, old), { force: true });
}

/** A saved scan, or null when there is none by that id (or it no longer parses). */
export async function loadScan(folder: string, scanId: string): Promise<SavedScan | null> {
  try {
    const parsed = savedScanSchema.safeParse(JSON.parse(await fs.readFile(path.join(folder, `${scanId}.json`), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Every saved scan that still parses, newest first. */
export async function loadScans(folder: string): Promise<SavedScan[]> {
  let names: string[];
  try {
    names = (await fs.readdir(folder)).filter((name) => name.endsWith('.json')).sort().reverse();
  } catch {
    return [];
  }
  const scans = await Promise.all(names.map((name) => loadScan(folder, name.slice(0, -'.json'.length))));
  return scans.filter((scan): scan is SavedScan => scan !== null);
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
