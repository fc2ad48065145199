import { hash } from 'node:crypto';
import fs from 'node:fs';

// A note beside vault.json saying "this exact content passed validation": the SHA-256 of the bytes
// the store last validated and wrote. A reader that only lists tokens (the CLI's `list`) can then
// trust the file without loading the schemas; any other content (edited by hand, written by an
// older version, half-written) does not match and takes the validating path.

/** The metadata file's name in the Lapse folder. */
export const vaultFileName = 'vault.json';

export const stampFileOf = (vaultFile: string): string => `${vaultFile}.checked`;

const digestOf = (bytes: Buffer | string) => hash('sha256', bytes, 'hex');

/** Record that the file's current bytes are valid (they were just validated). Never throws. */
export function stampVault(vaultFile: string, bytes?: Buffer): void {
  try {
    const content = bytes ?? fs.readFileSync(vaultFile);
    fs.writeFileSync(stampFileOf(vaultFile), `${digestOf(content)}\n`, { mode: 0o600 });
  } catch {
    // A missing stamp only costs the next reader a full validation.
  }
}

/** Whether `bytes` are exactly the content last stamped valid. */
export function stampMatches(vaultFile: string, bytes: Buffer): boolean {
  try {
    return fs.readFileSync(stampFileOf(vaultFile), 'utf8').trim() === digestOf(bytes);
  } catch {
    return false;
  }
}
