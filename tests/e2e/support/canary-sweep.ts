import { lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { registryDir, sweepRoot, type RegistryLine } from './canary-registry.js';

/** A run of this many characters of a secret is a leak (the masked form shows the prefix and 4 characters). */
const windowLength = 10;
const maxFileBytes = 64 * 1024 * 1024;

interface Needle {
  secret: string;
  form: string;
}

/** Every 10-character window of a secret past its public prefix, and of its base64 and hex forms past the prefix's. */
function needlesOf(value: string, publicPrefix: string): Map<string, Needle> {
  const out = new Map<string, Needle>();
  const add = (text: string, from: number, form: string) => {
    for (let i = Math.max(0, from); i + windowLength <= text.length; i++) {
      const window = text.slice(i, i + windowLength);
      if (!out.has(window)) out.set(window, { secret: value, form });
    }
  };
  const prefix = value.startsWith(publicPrefix) ? publicPrefix.length : 0;
  if (value.length - prefix < windowLength) out.set(value, { secret: value, form: 'whole' });
  add(value, prefix, 'plain');
  const bytes = Buffer.from(value);
  add(bytes.toString('base64'), Math.floor(prefix / 3) * 4, 'base64');
  add(bytes.toString('base64url'), Math.floor(prefix / 3) * 4, 'base64url');
  add(bytes.toString('hex'), prefix * 2, 'hex');
  return out;
}

function filesUnder(place: string): string[] {
  let stat;
  try {
    stat = lstatSync(place);
  } catch {
    return [];
  }
  if (stat.isFile()) return [place];
  if (!stat.isDirectory()) return [];
  return readdirSync(place, { withFileTypes: true }).flatMap((e) => filesUnder(path.join(place, e.name)));
}

const masked = (secret: string) => `${secret.slice(0, 4)}…${secret.slice(-4)}`;

export interface SweepReport {
  secrets: number;
  files: number;
  bytes: number;
  leaks: { file: string; what: string; secret: string; form: string }[];
}

/** Every registered place, searched for every registered secret (plain, base64, hex, or any 10-character piece). */
export function sweep(lines: RegistryLine[]): SweepReport {
  const needles = new Map<string, Needle>();
  const secrets = new Set<string>();
  for (const line of lines) {
    if (line.kind !== 'secret' || secrets.has(line.value)) continue;
    secrets.add(line.value);
    for (const [window, needle] of needlesOf(line.value, line.publicPrefix)) needles.set(window, needle);
  }
  const shortest = Math.min(windowLength, ...[...needles.keys()].map((k) => k.length));
  const report: SweepReport = { secrets: secrets.size, files: 0, bytes: 0, leaks: [] };
  for (const line of lines) {
    if (line.kind !== 'place') continue;
    for (const file of filesUnder(line.path)) {
      const bytes = readFileSync(file);
      report.files++;
      report.bytes += bytes.length;
      const text = bytes.subarray(0, maxFileBytes).toString('latin1');
      const seen = new Set<string>();
      for (let i = 0; i + shortest <= text.length; i++) {
        const hit =
          needles.get(text.slice(i, i + windowLength)) ??
          (shortest < windowLength ? needles.get(text.slice(i, i + shortest)) : undefined);
        if (hit && !seen.has(hit.secret)) {
          seen.add(hit.secret);
          report.leaks.push({ file, what: line.what, secret: masked(hit.secret), form: hit.form });
        }
      }
    }
  }
  return report;
}

export function readRegistry(): RegistryLine[] {
  let names: string[];
  try {
    names = readdirSync(registryDir);
  } catch {
    return [];
  }
  return names.flatMap((name) =>
    readFileSync(path.join(registryDir, name), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as RegistryLine),
  );
}

/**
 * After the whole e2e run: no canary byte in any LAPSE_HOME, the shell's output, the pages' DOM
 * and storage, or a browser profile. Fails the run (and names file and secret, masked) otherwise.
 */
// eslint-disable-next-line no-restricted-syntax -- Playwright loads a global setup/teardown by its default export
export default function canarySweep(): void {
  const lines = readRegistry();
  const report = sweep(lines);
  for (const line of lines)
    if (line.kind === 'place' && line.remove) rmSync(line.path, { recursive: true, force: true });
  rmSync(registryDir, { recursive: true, force: true });
  const summary = `canary sweep: ${report.secrets} secrets searched for in ${report.files} files (${(report.bytes / 1e6).toFixed(1)} MB)`;
  if (report.leaks.length === 0) {
    console.log(`${summary}: none found.`);
    return;
  }
  const lines2 = report.leaks.map(
    (l) => `  ${l.secret} (${l.form}) in ${path.relative(process.cwd(), l.file)} — ${l.what}`,
  );
  throw new Error(
    `${summary}: ${report.leaks.length} found.\n${lines2.join('\n')}\nThe files under ${sweepRoot} are kept for a look.`,
  );
}
