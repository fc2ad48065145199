import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Lapse's package.json: found from this file, compiled (dist/electron/cli) or not. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, 'package.json');
    try {
      if ((JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string }).name === 'lapse') return dir;
    } catch {
      // not here
    }
    dir = path.dirname(dir);
  }
  throw new Error('Lapse cannot find its own package.json.');
}

/** "lapse 0.1.0" and the Node.js it runs on, as `lapse --version` prints it. */
export function versionLine(): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return `lapse ${version} (Node.js ${process.versions.node}, ${process.platform}-${process.arch})`;
}
