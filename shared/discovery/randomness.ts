/** Shannon entropy in bits per character. */
export function entropyBits(value: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const hexOnly = /^[0-9a-fA-F]+$/;
const wordSegment = /^(?:[a-z]{3,}|[A-Z]{3,})$/;

/** Mostly whole words joined by `-`, `_` or `.` (`this-is-not-a-secret`, `CHANGE_ME_LATER`, `your-bot-token`). */
export function looksLikeWords(value: string, lowercaseOnly = false): boolean {
  const words = value.split(/[-_.]+/).filter((s) => (lowercaseOnly ? /^[a-z]{3,}$/ : wordSegment).test(s));
  const letters = words.reduce((sum, w) => sum + w.length, 0);
  return words.length >= 2 && letters >= value.length * 0.6;
}

/** The least length a generic secret (no known prefix) must have to be reported. */
export const minGenericLength = 16;

/**
 * Whether a value with no known prefix looks machine-made: long enough, letters and digits mixed
 * (or both cases), not words, and entropy near what a random string of its alphabet has.
 */
export function looksRandom(value: string): boolean {
  if (value.length < minGenericLength) return false;
  const digits = /[0-9]/.test(value);
  const lower = /[a-z]/.test(value);
  const upper = /[A-Z]/.test(value);
  if (!(digits && (lower || upper)) && !(lower && upper && value.length >= 20)) return false;
  if (looksLikeWords(value)) return false;
  const bits = entropyBits(value);
  return hexOnly.test(value) ? bits >= 3.2 : bits >= 3.6;
}
