import { providerNames, type TokenRecord } from '../../shared/model.js';
import { describeTier, type ReminderTier } from '../../shared/reminders.js';
import type { VaultFile } from '../vault/vault-file.js';
import { liveTiers, tiersOf } from './schedule.js';

const crlf = '\r\n';
const maxOctets = 75;

/** UTF-8 length of one code point. */
const octetsOf = (char: string): number => {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
};

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline. */
export const escapeText = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

/**
 * One content line folded at 75 octets (RFC 5545 §3.1): continuation lines start with a space,
 * and a multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  // Most lines are short ASCII: nothing to fold.
  if (line.length <= maxOctets && /^[\x20-\x7e]*$/.test(line)) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = octetsOf(char);
    if (octets + size > maxOctets) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(crlf);
}

/** 2026-12-01T09:00:00.000Z → 20261201T090000Z (UTC DATE-TIME form). */
export const icsInstant = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** A lead time as an alarm trigger before the event start: 30d → -P30D, 1h → -PT1H, 0 → PT0S. */
export function icsTrigger(tier: ReminderTier): string {
  if (tier === '0') return 'PT0S';
  const n = tier.slice(0, -1);
  const unit = tier.slice(-1);
  return unit === 'd' ? `-P${n}D` : unit === 'w' ? `-P${n}W` : `-PT${n}${unit.toUpperCase()}`;
}

/** The event's UID: from the token id alone, so a re-import updates the event instead of adding one. */
export const eventUid = (tokenId: string): string => `${tokenId}.expiry@lapse`;

function eventLines(record: TokenRecord, expiresAt: number, tiers: ReminderTier[], stamp: string): string[] {
  const what = `${providerNames[record.provider]} ${record.kind}${record.account ? ` of ${record.account}` : ''}`;
  const description = [
    `${what} expires.`,
    record.purpose ? `Purpose: ${record.purpose}` : '',
    `Rotate it before then: lapse show ${record.id}`,
  ]
    .filter(Boolean)
    .join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:${eventUid(record.id)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${icsInstant(expiresAt)}`,
    `DTEND:${icsInstant(expiresAt + 15 * 60 * 1000)}`,
    `SUMMARY:${escapeText(`Token expires: ${record.label}`)}`,
    `DESCRIPTION:${escapeText(description)}`,
    'CATEGORIES:Lapse',
    // An expiry is a deadline, not a meeting: it does not make the user busy.
    'TRANSP:TRANSPARENT',
    ...tiers.flatMap((tier) => [
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(`"${record.label}" expires (${describeTier(tier)})`)}`,
      `TRIGGER:${icsTrigger(tier)}`,
      'END:VALARM',
    ]),
    'END:VEVENT',
  ];
}

/**
 * An RFC 5545 calendar of every live token's expiry: one VEVENT each, a VALARM per lead time
 * (none for a muted token), CRLF line ends, lines folded at 75 octets. Pure: `now` is only DTSTAMP.
 */
export function expiryCalendar(vault: VaultFile, now: number): { ics: string; events: number } {
  const stamp = icsInstant(now);
  const expiring = Object.values(vault.tokens)
    .filter((record) => record.expiresAt && !record.revokedAt)
    .map((record) => ({ record, expiresAt: Date.parse(record.expiresAt ?? '') }))
    .sort((a, b) => a.expiresAt - b.expiresAt || a.record.id.localeCompare(b.record.id));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Lapse//Token expiries//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Lapse token expiries',
    ...expiring.flatMap(({ record, expiresAt }) => {
      const settings = vault.reminders.tokens[record.id];
      return eventLines(record, expiresAt, settings?.muted ? [] : liveTiers(record, tiersOf(settings)), stamp);
    }),
    'END:VCALENDAR',
  ];
  return { ics: lines.map(foldLine).join(crlf) + crlf, events: expiring.length };
}
