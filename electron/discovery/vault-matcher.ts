import { hash } from 'node:crypto';
import type { VaultDigest } from './scan-types.js';

/** A span of bytes whose SHA-256 is one of the vault's secrets. */
export interface VaultSpan {
  start: number;
  end: number;
  tokenId: string;
}

const maxCuts = 16;

/**
 * Finds the vault's exact values in bytes, whatever their format, by hash: runs of characters a
 * secret can hold are cut where a secret can end (`=`, `:`, `.`…), and only pieces whose length is
 * a secret's length are hashed. The secrets themselves are never here, only their SHA-256.
 */
export function vaultMatcher(digest: VaultDigest): ((bytes: Buffer, from: number, to: number, limit: number) => VaultSpan[]) | null {
  if (digest.entries.length === 0) return null;
  const byHash = new Map(digest.entries.map((e) => [e.sha256, e.tokenId]));
  const lengths = new Set(digest.lengths);
  const minLength = Math.min(...digest.lengths);
  const maxLength = Math.max(...digest.lengths);
  const inRun = new Uint8Array(256);
  const cut = new Uint8Array(256);
  for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.+/~') inRun[c.charCodeAt(0)] = 1;
  for (const b of digest.bytes) if (b > 32 && b !== 127) inRun[b] = 1;
  for (const c of '.+/~=:@!#$%&*,;?|') cut[c.charCodeAt(0)] = 1;

  return (bytes, from, to, limit) => {
    const found: VaultSpan[] = [];
    const check = (start: number, end: number) => {
      if (!lengths.has(end - start)) return;
      const tokenId = byHash.get(hash('sha256', bytes.subarray(start, end), 'hex'));
      if (tokenId) found.push({ start, end, tokenId });
    };
    let i = from;
    while (i < to) {
      if (inRun[bytes[i] as number] === 0) {
        i++;
        continue;
      }
      const start = i;
      while (i < limit && inRun[bytes[i] as number] === 1) i++;
      const end = i;
      if (end - start < minLength) continue;
      const starts = [start];
      const ends = [end];
      for (let p = start; p < end && starts.length < maxCuts; p++) {
        if (cut[bytes[p] as number] === 1) {
          starts.push(p + 1);
          ends.push(p);
        }
      }
      for (const s of starts) {
        for (const e of ends) if (e - s >= minLength && e - s <= maxLength) check(s, e);
      }
    }
    return found;
  };
}
