import fs from 'node:fs';
import path from 'node:path';
import type { VaultFile } from './vault-file.js';
import { stampMatches, vaultFileName } from './vault-stamp.js';

/**
 * The vault as the store last validated and wrote it, read without the schemas: only when the file
 * is byte for byte the content vault-stamp.ts vouches for (then JSON.parse gives exactly what
 * validating would). Null otherwise, and the caller takes the validating path.
 */
export function vouchedVault(home: string): VaultFile | null {
  const file = path.join(home, vaultFileName);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  if (!stampMatches(file, bytes)) return null;
  const vault = JSON.parse(bytes.toString('utf8')) as Partial<VaultFile>;
  return vault.version === 1 && typeof vault.tokens === 'object' && vault.tokens !== null ? (vault as VaultFile) : null;
}
