import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary folder (mode 0700) for one test: a LAPSE_HOME, a static dir, a scratch dir. */
export function makeTempDir(label = 'lapse-test'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

export function removeTempDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** Every file under a folder with its text, for "is the secret anywhere on disk" checks. */
export function allFileText(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isFile()) out.push({ file: full, text: fs.readFileSync(full, 'utf8') });
  }
  return out;
}

/** The vault file's permission bits, e.g. 0o600. */
export const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;
