import fs from 'node:fs';
import type { MetadataStore } from './metadata-store.js';
import type { VaultFile } from './vault-file.js';

// Every write replaces the file (a new inode) and moves its mtime: together with the size they tell an unchanged file.
const fileKey = (file: string): string | null => {
  try {
    const stat = fs.statSync(file, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
  } catch {
    return null;
  }
};

export interface VaultSnapshots {
  /** The vault: the last one seen while the file on disk is unchanged, else read afresh. */
  read(): Promise<VaultFile>;
  /**
   * The vault this process just wrote, called as soon as its write returned. No other writer can
   * have finished a locked write in between (that takes a lock, a read and a write), so the file
   * on disk is this vault.
   */
  remember(vault: VaultFile): void;
}

/**
 * `store.read()` that hands back the last vault it saw while the file on disk is unchanged, so
 * hundreds of verifications reading their record cost a handful of parses, not one each. The
 * vault it returns is shared: read it, never change it (changes go through `store.update`).
 */
export function vaultSnapshots(store: MetadataStore): VaultSnapshots {
  let last: { key: string; vault: Promise<VaultFile> } | null = null;
  return {
    read() {
      const key = fileKey(store.path);
      if (key !== null && last?.key === key) return last.vault;
      // Callers arriving together share one read.
      const vault = store.read();
      last = key === null ? null : { key, vault };
      vault.catch(() => (last = null));
      return vault;
    },
    remember(vault) {
      const key = fileKey(store.path);
      last = key === null ? null : { key, vault: Promise.resolve(vault) };
    },
  };
}
