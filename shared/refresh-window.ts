// When Lapse may refresh a token (the refresh policy), without zod: evaluating a token needs this.
import { durations } from './countdown.js';
import type { TokenRecord } from './model.js';

const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const { day, hour, minute } = durations;

/** The policy's refresh settings: allowed days and hours (UTC) and how recent a same-account verify must be. */
export interface RefreshPolicy {
  /** `any`, or days such as `mon-fri`, `mon,wed,fri`, `sat-sun` (UTC). */
  refreshDays: string;
  /** `any`, or a span such as `08:00-20:00` (UTC; an end before the start runs past midnight). */
  refreshHours: string;
  /** 0: off; else refresh only if a verify within this many days found the token valid for its own account. */
  refreshTrustDays: number;
}

/** The weekdays (0 = Sunday) a `refreshDays` value allows, or a sentence saying what is wrong. */
export function parseRefreshDays(text: string): Set<number> | string {
  const value = text.trim().toLowerCase();
  if (value === 'any') return new Set([0, 1, 2, 3, 4, 5, 6]);
  const days = new Set<number>();
  for (const part of value.split(',')) {
    const [from, to, extra] = part.trim().split('-');
    const a = dayNames.indexOf((from ?? '') as (typeof dayNames)[number]);
    const b = to === undefined ? a : dayNames.indexOf(to as (typeof dayNames)[number]);
    if (a < 0 || b < 0 || extra !== undefined)
      return 'takes any, or days as mon-fri or mon,wed,fri (sun mon tue wed thu fri sat)';
    for (let d = a; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === b) break;
    }
  }
  return days;
}

/** The minutes of the UTC day a `refreshHours` value allows ([start, end) in minutes), or a sentence saying what is wrong. */
export function parseRefreshHours(text: string): { start: number; end: number } | 'any' | string {
  const value = text.trim().toLowerCase();
  if (value === 'any') return 'any';
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!m) return 'takes any, or a span of UTC hours as HH:MM-HH:MM, e.g. 08:00-20:00';
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  if (end > 24 * 60 || start === end)
    return 'takes a span of UTC hours whose start and end differ, each 00:00 to 24:00';
  return { start, end };
}

const inHours = (hours: { start: number; end: number } | 'any', minuteOfDay: number) =>
  hours === 'any' ||
  (hours.start < hours.end
    ? minuteOfDay >= hours.start && minuteOfDay < hours.end
    : minuteOfDay >= hours.start || minuteOfDay < hours.end);

function windowOpenAt(days: Set<number>, hours: { start: number; end: number } | 'any', at: number): boolean {
  const date = new Date(at);
  const minuteOfDay = date.getUTCHours() * 60 + date.getUTCMinutes();
  // A span past midnight belongs to the day it started on.
  const startedYesterday = hours !== 'any' && hours.start > hours.end && minuteOfDay < hours.end;
  const weekday = (date.getUTCDay() + (startedYesterday ? 6 : 0)) % 7;
  return days.has(weekday) && inHours(hours, minuteOfDay);
}

/** The next instant (to the minute) the window opens, within a week; null when it never does. */
function nextOpening(days: Set<number>, hours: { start: number; end: number } | 'any', now: number): number | null {
  const first = Math.ceil(now / minute) * minute;
  for (let at = first; at <= now + 8 * day; at += hours === 'any' ? hour : minute * 15) {
    if (windowOpenAt(days, hours, at)) return at;
  }
  return null;
}

/** Providers whose tokens Lapse refreshes (an OAuth refresh token, a Slack app's rotation). */
export const refreshesTokens = (record: Pick<TokenRecord, 'provider'>): boolean =>
  record.provider === 'oauth2' || record.provider === 'slack';

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Why Lapse must not refresh this token now, or null when it may: outside the allowed days or
 * hours, or (with `refreshTrustDays`) not verified recently for its own account.
 */
export function refreshRefusal(record: TokenRecord, policy: RefreshPolicy, now: number): string | null {
  const days = parseRefreshDays(policy.refreshDays);
  const hours = parseRefreshHours(policy.refreshHours);
  if (typeof days !== 'string' && (hours === 'any' || typeof hours !== 'string')) {
    if (!windowOpenAt(days, hours, now)) {
      const next = nextOpening(days, hours, now);
      return `The policy lets Lapse refresh it only ${policy.refreshDays === 'any' ? 'on any day' : `on ${policy.refreshDays}`}${policy.refreshHours === 'any' ? '' : `, ${policy.refreshHours} UTC`}; it is ${utc(now)} now.${next ? ` The next window opens ${utc(next)}.` : ''}`;
    }
  }
  if (policy.refreshTrustDays > 0) {
    const v = record.verification;
    const verifiedAt = v ? Date.parse(v.at) : NaN;
    if (v?.reason === 'wrong-account') {
      return `The policy lets Lapse refresh it only while its account is unchanged: its last verify, on ${v.at.slice(0, 10)}, found it belongs to another account. Check who owns it before refreshing.`;
    }
    if (!v || v.outcome !== 'valid' || !(now - verifiedAt <= policy.refreshTrustDays * day)) {
      const when = v
        ? `its last verify, on ${v.at.slice(0, 10)}, ${v.outcome === 'valid' ? 'is older than that' : 'did not find it valid'}`
        : 'it was never verified';
      return `The policy lets Lapse refresh it only after a verify within ${policy.refreshTrustDays} days found it valid for its own account; ${when}. Verify it first.`;
    }
  }
  return null;
}
