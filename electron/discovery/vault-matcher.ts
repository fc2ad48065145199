import { hash } from 'node:crypto';
import type { VaultDigest } from './scan-types.js';

/** A span of bytes whose SHA-256 is one of the vault's secrets. */
export interface VaultSpan {
  start: number;
  end: number;
  tokenId: string;
}

const maxCuts = 16;

/** Length, first byte and last byte in one number: the cheap test before a hash. */
const shapeOf = (length: number, first: number, last: number) => length * 65536 + first * 256 + last;

/**
 * Finds the vault's exact values in bytes, whatever their format, by hash: runs of characters a
 * secret can hold are cut where a secret can end (`=`, `:`, `.`…), and a piece is hashed only when
 * its length, first and last byte are those of a secret. The secrets themselves are never here.
 */
export function vaultMatcher(
  digest: VaultDigest,
): ((bytes: Buffer, from: number, to: number, limit: number) => VaultSpan[]) | null {
  if (digest.entries.length === 0) return null;
  const byHash = new Map(digest.entries.map((e) => [e.sha256, e.tokenId]));
  const shapes = new Set(digest.shapes);
  const minLength = Math.min(...digest.lengths);
  const maxLength = Math.max(...digest.lengths);
  const inRun = new Uint8Array(256);
  const cut = new Uint8Array(256);
  for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.+/~') inRun[c.charCodeAt(0)] = 1;
  for (const b of digest.bytes) if (b > 32 && b !== 127) inRun[b] = 1;
  for (const c of '.+/~=:@!#$%&*,;?|') cut[c.charCodeAt(0)] = 1;
  const starts = new Int32Array(maxCuts + 1);
  const ends = new Int32Array(maxCuts + 1);

  // Each run of secret characters at least as long as the shortest secret, starting in [from, to):
  // probing the byte a shortest secret would end on skips most short runs without reading them.
  function pieces(bytes: Buffer, start: number, end: number, found: VaultSpan[]): void {
    let count = 1;
    starts[0] = start;
    ends[0] = end;
    for (let i = start; i < end && count <= maxCuts; i++) {
      if (cut[bytes[i] as number] === 1) {
        starts[count] = i + 1;
        ends[count] = i;
        count++;
      }
    }
    for (let s = 0; s < count; s++) {
      const a = starts[s] as number;
      for (let e = 0; e < count; e++) {
        const b = ends[e] as number;
        const length = b - a;
        if (
          length < minLength ||
          length > maxLength ||
          !shapes.has(shapeOf(length, bytes[a] as number, bytes[b - 1] as number))
        )
          continue;
        const tokenId = byHash.get(hash('sha256', bytes.subarray(a, b), 'hex'));
        if (tokenId) found.push({ start: a, end: b, tokenId });
      }
    }
  }

  return (bytes, from, to, limit) => {
    const found: VaultSpan[] = [];
    let i = from;
    while (i < to && i + minLength - 1 < limit) {
      const probe = i + minLength - 1;
      if (inRun[bytes[probe] as number] === 0) {
        i = probe + 1;
        continue;
      }
      let start = probe;
      while (start > i && inRun[bytes[start - 1] as number] === 1) start--;
      if (start > i) {
        i = start;
        continue;
      }
      let end = probe + 1;
      while (end < limit && inRun[bytes[end] as number] === 1) end++;
      pieces(bytes, start, end, found);
      i = end + 1;
    }
    return found;
  };
}

/** The shape of a secret for the matcher's first test. */
export const secretShape = (value: Buffer): number =>
  shapeOf(value.length, value[0] ?? 0, value[value.length - 1] ?? 0);
