// Dates as a person types them on the command line, read strictly: Date.parse turns 2026-02-30
// into 2 March and reads a time without a zone in the machine's own zone. Neither may happen here.

/** The rule, in words, for help texts and errors. */
export const instantRule =
  'YYYY-MM-DD (00:00 UTC that day) or a date-time with Z or an offset, e.g. 2026-12-01T09:00:00Z or 2026-12-01T11:00:00+02:00; a time without a zone is refused';

const shape = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

const leap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) =>
  month === 2 ? (leap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

export type InstantReading = { ok: true; ms: number } | { ok: false; problem: 'format' | 'impossible' | 'no-zone' };

/** `2026-12-01` → its midnight UTC; a date-time only with `Z` or an offset; no impossible dates or times. */
export function readInstant(text: string): InstantReading {
  const m = shape.exec(text.trim());
  if (!m) return { ok: false, problem: 'format' };
  const [, y, mo, d, h, mi, s, , zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return { ok: false, problem: 'impossible' };
  if (h === undefined) return { ok: true, ms: Date.parse(`${y}-${mo}-${d}T00:00:00Z`) };
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return { ok: false, problem: 'impossible' };
  if (zone === undefined) return { ok: false, problem: 'no-zone' };
  if (!/^[Zz]$/.test(zone)) {
    const digits = zone.replace(':', '');
    if (Number(digits.slice(1, 3)) > 23 || Number(digits.slice(3, 5)) > 59) return { ok: false, problem: 'impossible' };
  }
  const ms = Date.parse(
    text
      .trim()
      .replace(/^(\d{4}-\d{2}-\d{2})t/, '$1T')
      .replace(/z$/, 'Z'),
  );
  return Number.isNaN(ms) ? { ok: false, problem: 'format' } : { ok: true, ms };
}

/** Why a typed instant was refused, naming the option. */
export function instantProblemText(option: string, text: string, problem: 'format' | 'impossible' | 'no-zone'): string {
  if (problem === 'impossible')
    return `${option} "${text}" is not a real date or time (check the day of the month and the hour); nothing was changed.`;
  if (problem === 'no-zone')
    return `${option} "${text}" has no time zone, so it would mean a different instant on each machine: add Z (UTC) or an offset such as +02:00.`;
  return `${option} takes ${instantRule}.`;
}
