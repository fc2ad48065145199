import { describe, expect, it } from 'vitest';
import { describeExpiry, describeSpan, nextChangeIn } from '../../shared/countdown.js';
import type { TokenView } from '../../shared/model.js';
import { byUrgency } from '../../shared/urgency.js';
import { makeRecord } from '../helpers/records.js';

const s = 1000;
const min = 60 * s;
const h = 60 * min;
const d = 24 * h;
const now = Date.parse('2026-06-15T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('a countdown as a person says it', () => {
  it('is in days beyond two days, hours and minutes within, minutes and seconds in the last hour', () => {
    expect(describeSpan(3 * d + 5 * h)).toBe('3 days');
    expect(describeSpan(2 * d)).toBe('2 days');
    expect(describeSpan(2 * d - 1)).toBe('47 h 59 min');
    expect(describeSpan(4 * h + 12 * min + 30 * s)).toBe('4 h 12 min');
    expect(describeSpan(4 * h)).toBe('4 h');
    expect(describeSpan(9 * min + 5 * s)).toBe('9 min 5 s');
    expect(describeSpan(42 * min + 10 * s)).toBe('42 min 10 s');
    expect(describeSpan(59 * min + 59 * s + 999)).toBe('59 min 59 s');
    expect(describeSpan(12 * min)).toBe('12 min');
    expect(describeSpan(h)).toBe('1 h');
    expect(describeSpan(38 * s + 900)).toBe('38 s');
    expect(describeSpan(1 * d + 1 * h)).toBe('25 h');
  });

  it('says "in …", "expired … ago" or "no expiry"', () => {
    expect(describeExpiry(iso(now + 3 * d), now)).toBe('in 3 days');
    expect(describeExpiry(iso(now - 3 * d), now)).toBe('expired 3 days ago');
    expect(describeExpiry(iso(now), now)).toBe('expired 0 s ago');
    expect(describeExpiry(null, now)).toBe('no expiry');
  });

  it('ticks every second in the last hour, every minute within two days, hourly beyond, never without an expiry', () => {
    expect(nextChangeIn(iso(now + 5 * min), now)).toBe(s);
    expect(nextChangeIn(iso(now - 5 * min), now)).toBe(s);
    expect(nextChangeIn(iso(now + 42 * min), now)).toBe(s);
    expect(nextChangeIn(iso(now + h), now)).toBe(min);
    expect(nextChangeIn(iso(now + 3 * h), now)).toBe(min);
    expect(nextChangeIn(iso(now + 5 * d), now)).toBe(h);
    expect(nextChangeIn(null, now)).toBe(Infinity);
  });
});

describe('the most urgent token first', () => {
  const view = (label: string, status: TokenView['status'], expiresAt: string | null): TokenView => ({
    ...makeRecord({ label, expiresAt }),
    status,
    findings: [],
  });

  it('orders by worst status, then soonest expiry, then label', () => {
    const views = [
      view('b healthy', 'healthy', iso(now + 40 * d)),
      view('a healthy', 'healthy', iso(now + 40 * d)),
      view('no expiry', 'no-expiry', null),
      view('expiring later', 'expiring', iso(now + 10 * d)),
      view('expiring sooner', 'expiring', iso(now + 2 * d)),
      view('expired', 'expired', iso(now - d)),
      view('never expires, healthy', 'healthy', null),
    ];
    expect([...views].sort(byUrgency).map((v) => v.label)).toEqual([
      'expired',
      'no expiry',
      'expiring sooner',
      'expiring later',
      'a healthy',
      'b healthy',
      'never expires, healthy',
    ]);
  });
});
