import { instantProblemText, readInstant } from '../../shared/calendar-instant.js';
import { UsageError } from './exit-codes.js';

/** The instant to judge at: --now, else LAPSE_NOW, else the clock. Impossible dates are refused, not rolled over. */
export function clockFrom(given: string | undefined): () => number {
  if (!given) return Date.now;
  const read = readInstant(given);
  if (!read.ok) throw new UsageError(instantProblemText('--now / LAPSE_NOW', given, read.problem));
  return () => read.ms;
}
