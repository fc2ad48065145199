const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A span as a person says it, coarser the further away: "3 days", "4 h 12 min", "42 min 10 s", "38 s".
 * Granularity: days beyond 2 days, hours and minutes within, minutes and seconds in the last hour.
 */
export function describeSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 2 * day) return plural(Math.floor(abs / day), 'day');
  if (abs >= hour) {
    const h = Math.floor(abs / hour);
    const min = Math.floor((abs % hour) / minute);
    return min ? `${h} h ${min} min` : `${h} h`;
  }
  if (abs >= minute) {
    const min = Math.floor(abs / minute);
    const s = Math.floor((abs % minute) / second);
    return s ? `${min} min ${s} s` : `${min} min`;
  }
  return `${Math.floor(abs / second)} s`;
}

/** "in 3 days", "in 4 h 12 min", "expired 2 days ago", "no expiry". */
export function describeExpiry(expiresAt: string | null, now: number): string {
  if (!expiresAt) return 'no expiry';
  const left = Date.parse(expiresAt) - now;
  return left > 0 ? `in ${describeSpan(left)}` : `expired ${describeSpan(left)} ago`;
}

/** The calendar day of an instant, in UTC: "2026-12-01". */
export const isoDay = (iso: string): string => iso.slice(0, 10);

/** How long until the countdown text can next change, so one ticker can sleep until then. */
export function nextChangeIn(expiresAt: string | null, now: number): number {
  if (!expiresAt) return Infinity;
  const abs = Math.abs(Date.parse(expiresAt) - now);
  if (abs < hour) return second;
  if (abs < 2 * day) return minute;
  return hour;
}

export const durations = { second, minute, hour, day } as const;
