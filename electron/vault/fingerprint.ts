import { createHash } from 'node:crypto';

/** A short, stable handle on a secret: the first 8 hex characters of its SHA-256. */
export const fingerprintOf = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 8);
