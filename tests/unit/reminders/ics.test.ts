import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, expiryCalendar, foldLine } from '../../../electron/reminders/ics.js';
import { vaultFileSchema, type VaultFile } from '../../../electron/vault/vault-file.js';
import type { TokenRecord } from '../../../shared/model.js';
import { prop, readCalendar, unescapeText as unescape, type CalendarComponent as Component } from './read-calendar.js';
import { tokenRecord } from './reminder-vault.js';

const encoder = new TextEncoder();
const now = Date.parse('2026-11-24T10:00:00Z');

function vaultWith(records: TokenRecord[], reminders: Partial<VaultFile['reminders']> = {}): VaultFile {
  return vaultFileSchema.parse({ version: 1, tokens: Object.fromEntries(records.map((r) => [r.id, r])), reminders });
}

describe('the calendar export', () => {
  const ci = tokenRecord({
    label: 'CI deploy, prod; main \\ blue',
    createdAt: '2026-09-01T09:00:00Z',
    expiresAt: '2026-12-01T09:00:00Z',
    purpose: 'Deploys the site.',
  });
  const wide = tokenRecord({
    label: `Ünïcødé 令牌 ${'🔑'.repeat(20)} key`,
    createdAt: '2026-09-01T09:00:00Z',
    expiresAt: '2026-12-15T18:30:00Z',
  });
  const never = tokenRecord({ label: 'forever', createdAt: '2026-09-01T09:00:00Z', expiresAt: null });
  const revoked = tokenRecord({
    label: 'gone',
    createdAt: '2026-09-01T09:00:00Z',
    expiresAt: '2026-12-20T09:00:00Z',
    revokedAt: '2026-10-01T09:00:00Z',
  });

  it('is a VERSION 2.0 calendar with a PRODID and one event per live expiry, each with a DTSTAMP', () => {
    const { ics, events } = expiryCalendar(vaultWith([ci, wide, never, revoked]), now);
    const calendar = readCalendar(ics);
    expect(calendar.name).toBe('VCALENDAR');
    expect(prop(calendar, 'VERSION')).toBe('2.0');
    expect(prop(calendar, 'PRODID')).toBe('-//Lapse//Token expiries//EN');
    expect(events).toBe(2);
    const vevents = calendar.children.filter((c) => c.name === 'VEVENT');
    expect(vevents.map((e) => prop(e, 'DTSTART'))).toEqual(['20261201T090000Z', '20261215T183000Z']);
    expect(vevents.every((e) => prop(e, 'DTSTAMP') === '20261124T100000Z')).toBe(true);
  });

  it('has an alarm at each lead time before the expiry', () => {
    const event = readCalendar(expiryCalendar(vaultWith([ci]), now).ics).children[0] as Component;
    expect(event.children.map((a) => [a.name, prop(a, 'ACTION'), prop(a, 'TRIGGER')])).toEqual([
      ['VALARM', 'DISPLAY', '-P30D'],
      ['VALARM', 'DISPLAY', '-P7D'],
      ['VALARM', 'DISPLAY', '-P1D'],
      ['VALARM', 'DISPLAY', '-PT1H'],
      ['VALARM', 'DISPLAY', 'PT0S'],
    ]);
  });

  it("follows a token's own lead times, and a muted token's event has no alarms", () => {
    const vault = vaultWith([ci, wide], {
      tokens: { [ci.id]: { tiers: ['2w', '15m'], muted: false }, [wide.id]: { muted: true } },
    });
    const [first, second] = readCalendar(expiryCalendar(vault, now).ics).children;
    expect(first?.children.map((a) => prop(a, 'TRIGGER'))).toEqual(['-P2W', '-PT15M']);
    expect(second?.children).toEqual([]);
  });

  it('escapes commas, semicolons, backslashes and newlines, and they read back exactly', () => {
    const event = readCalendar(expiryCalendar(vaultWith([ci]), now).ics).children[0] as Component;
    expect(prop(event, 'SUMMARY')).toBe('Token expires: CI deploy\\, prod\\; main \\\\ blue');
    expect(unescape(prop(event, 'SUMMARY'))).toBe(`Token expires: ${ci.label}`);
    expect(unescape(prop(event, 'DESCRIPTION'))).toContain('Deploys the site.\nRotate it before then');
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('folds long lines at 75 octets without splitting a multi-byte character', () => {
    const { ics } = expiryCalendar(vaultWith([wide]), now);
    expect(ics).toContain('\r\n ');
    const event = readCalendar(ics).children[0] as Component;
    expect(unescape(prop(event, 'SUMMARY'))).toBe(`Token expires: ${wide.label}`);
    const folded = foldLine(`SUMMARY:${'🔑'.repeat(40)}`).split('\r\n');
    expect(folded.map((l) => encoder.encode(l).length)).toEqual([72, 73, 25]);
    expect(folded.join('').replace(/ /g, '')).toBe(`SUMMARY:${'🔑'.repeat(40)}`);
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('keeps each UID stable across exports and a changed expiry, so a re-import updates instead of duplicating', () => {
    const uidsAndStarts = (ics: string) => readCalendar(ics).children.map((e) => [prop(e, 'UID'), prop(e, 'DTSTART')]);
    const first = uidsAndStarts(expiryCalendar(vaultWith([ci]), now).ics);
    const later = uidsAndStarts(expiryCalendar(vaultWith([ci]), now + 86_400_000).ics);
    const rotated = uidsAndStarts(expiryCalendar(vaultWith([{ ...ci, expiresAt: '2027-03-01T09:00:00Z' }]), now).ics);
    expect(later).toEqual(first);
    expect(rotated[0]?.[0]).toBe(first[0]?.[0]);
    expect(rotated[0]?.[1]).toBe('20270301T090000Z');
    expect(first[0]?.[0]).toContain(ci.id);
  });

  it('parses back with ical.js (an independent parser): the right events, times and alarms', () => {
    const { ics } = expiryCalendar(vaultWith([ci, wide, never]), now);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(2);
    const event = new ICAL.Event(events[0]);
    expect(event.uid).toContain(ci.id);
    expect(event.summary).toBe(`Token expires: ${ci.label}`);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-01T09:00:00.000Z');
    const triggers = events[0]
      ?.getAllSubcomponents('valarm')
      .map((alarm) => (alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds());
    expect(triggers).toEqual([-30 * 86400, -7 * 86400, -86400, -3600, 0]);
    expect(new ICAL.Event(events[1]).summary).toBe(`Token expires: ${wide.label}`);
  });
});
