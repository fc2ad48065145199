const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const short = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "Tuesday, 2 December 2025 at 23:59", for hover text. */
export const exactDate = (iso: string): string => exact.format(new Date(iso));

/** "2 Dec 2025, 23:59", for the detail panel. */
export const shortDate = (iso: string | null): string => (iso ? short.format(new Date(iso)) : '—');

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of an instant, as a date input holds it: "2025-12-02". */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The end of a local calendar day as an ISO instant with the local offset, e.g.
 * "2025-12-02T23:59:59+01:00": a token that "expires on 2 December" works through that day,
 * and the day stays the one the person picked wherever the instant is printed.
 */
export function endOfLocalDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const local = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 23, 59, 59);
  const offset = -local.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${day}T23:59:59${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}
