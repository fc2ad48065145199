import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** Lapse's version from its package.json, found upward from this file (source or dist/); "0.0.0" if none. */
export function lapseVersion(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'lapse' && pkg.version) return (cached = pkg.version);
    } catch {
      // not here: look one folder up
    }
    dir = path.dirname(dir);
  }
  return (cached = '0.0.0');
}
