import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { scanResultSchema } from '../../shared/contract/discovery-calls.js';

// Reading saved scans back: parsed, never trusted (the schemas stay out of a scan that only writes one).

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

/** A saved scan, or null when there is none by that id (or it no longer parses). */
export async function loadScan(folder: string, scanId: string): Promise<SavedScan | null> {
  try {
    const parsed = savedScanSchema.safeParse(
      JSON.parse(await fs.readFile(path.join(folder, `${scanId}.json`), 'utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Every saved scan that still parses, newest first. */
export async function loadScans(folder: string): Promise<SavedScan[]> {
  let names: string[];
  try {
    names = (await fs.readdir(folder))
      .filter((name) => name.endsWith('.json'))
      .sort()
      .reverse();
  } catch {
    return [];
  }
  const scans = await Promise.all(names.map((name) => loadScan(folder, name.slice(0, -'.json'.length))));
  return scans.filter((scan): scan is SavedScan => scan !== null);
}
