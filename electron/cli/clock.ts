import { UsageError } from './exit-codes.js';

/** The instant to judge at: --now, else LAPSE_NOW, else the clock. */
export function clockFrom(given: string | undefined): () => number {
  if (!given) return Date.now;
  const fixed = Date.parse(given);
  if (Number.isNaN(fixed)) throw new UsageError('--now / LAPSE_NOW takes an ISO 8601 instant, e.g. 2026-12-01T09:00:00Z.');
  return () => fixed;
}
