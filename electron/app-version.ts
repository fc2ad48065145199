import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | null | undefined;

/**
 * This Lapse's version (package.json), read once: the nearest package.json named "lapse" above
 * this file, from the sources, dist/ or the packaged app alike. "unknown" if none is found.
 */
export function appVersion(): string {
  if (found === undefined) {
    found = null;
    let dir = path.dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 6 && found === null; i++, dir = path.dirname(dir)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
          name?: unknown;
          version?: unknown;
        };
        if (pkg.name === 'lapse' && typeof pkg.version === 'string') found = pkg.version;
      } catch {
        // not here: one folder up
      }
    }
  }
  return found ?? 'unknown';
}
