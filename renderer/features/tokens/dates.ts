const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const short = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "Tuesday, 2 December 2025 at 23:59", for hover text. */
export const exactDate = (iso: string): string => exact.format(new Date(iso));

/** "2 Dec 2025, 23:59", for the detail panel. */
export const shortDate = (iso: string | null): string => (iso ? short.format(new Date(iso)) : '—');

/** "2 Dec 2025", for a list column. */
export const shortDay = (iso: string): string => day.format(new Date(iso));

/** The UTC calendar day of an instant, as a date input holds it: "2025-12-02". */
export const utcDay = (iso: string): string => new Date(iso).toISOString().slice(0, 10);

/**
 * A date input's day as the instant the token expires: 00:00 UTC that day, the same reading the
 * CLI gives `--expires 2025-12-02`, so a date means one instant whichever face it was typed in.
 */
export const startOfUtcDay = (day: string): string => `${day}T00:00:00.000Z`;
