import { limits } from '../../../shared/model.js';
import { oneLineText } from '../../../shared/terminal-text.js';

// What a server or a JWT says about a token, made fit for the metadata store: one line, bounded.

/** One terminal-safe line of at most `max` characters (escapes and bidi characters shown escaped), or null when nothing is left. */
export function oneLine(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  return oneLineText(value, max) || null;
}

/** An RFC 7519 NumericDate (seconds since the epoch) as an ISO instant, or null. */
export function isoFromSeconds(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const date = new Date(value * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Scopes from a space-separated `scope` (RFC 6749 §3.3) or an `scp` array; null when neither is there. */
export function scopesFrom(scope: unknown, scp?: unknown): string[] | null {
  const raw = typeof scope === 'string' ? scope.split(' ') : Array.isArray(scp) ? scp : null;
  if (!raw) return null;
  const scopes = raw.map((s) => oneLine(s, limits.scope)).filter((s): s is string => s !== null);
  return [...new Set(scopes)].slice(0, limits.scopes);
}

/** The owner's name: the first of the given claims that is a usable string. */
export function accountFrom(...candidates: unknown[]): string | null {
  for (const candidate of candidates) {
    const account = oneLine(candidate, limits.account);
    if (account) return account;
  }
  return null;
}
