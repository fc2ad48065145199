import { randomBytes } from 'node:crypto';
import { sameKey } from './http-guard.js';

/** A fresh random secret (32 bytes, base64url): a launch key or a session. */
export const newSecret = () => randomBytes(32).toString('base64url');

/** The launch keys of one browser-shell launch: each key opens one session, once. */
export interface LaunchKeys {
  /** The oldest key not yet used (the one the first URL carries). */
  oldest(): string | undefined;
  /** Whether `given` is a key not yet used; if so it is taken out (single use). Every key is compared, in constant time each. */
  take(given: unknown): boolean;
  /** Whether `given` is a key not yet used, leaving it usable. */
  isUnused(given: string | null): boolean;
  /** A new key beside the others (the first was used, or its tab closed). */
  issue(): string;
}

export function launchKeys(first: string): LaunchKeys {
  const keys = new Set<string>([first]);
  return {
    oldest: () => [...keys][0],
    take: (given) => {
      if (typeof given !== 'string') return false;
      let match: string | null = null;
      for (const k of keys) if (sameKey(given, k)) match = k;
      if (match !== null) keys.delete(match);
      return match !== null;
    },
    isUnused: (given) => [...keys].some((k) => sameKey(given, k)),
    issue: () => {
      const fresh = newSecret();
      keys.add(fresh);
      return fresh;
    },
  };
}
