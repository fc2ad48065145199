import { z } from 'zod';
import { durations } from './countdown.js';

const { minute, hour, day } = durations;
const unitMs = { m: minute, h: hour, d: day, w: 7 * day } as const;

/** How long before expiry a reminder fires: `30d`, `7d`, `1d`, `1h`, `15m`, `2w`, or `0` (at expiry). */
export const reminderTierSchema = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,3}[mhdw])$/, 'is not a lead time like 30d, 7d, 1d, 1h, 15m, 2w or 0 (at expiry)');
export type ReminderTier = z.infer<typeof reminderTierSchema>;
export const reminderTierListSchema = z.array(reminderTierSchema).max(8, 'at most 8 reminder times');

/** 30 days, 7 days, 1 day and 1 hour before expiry, and at expiry. */
export const defaultReminderTiers: readonly ReminderTier[] = ['30d', '7d', '1d', '1h', '0'];

/** A tier's lead time in milliseconds. */
export function tierMs(tier: ReminderTier): number {
  if (tier === '0') return 0;
  return Number(tier.slice(0, -1)) * unitMs[tier.slice(-1) as keyof typeof unitMs];
}

/** "7 days before expiry", "1 hour before expiry", "at expiry". */
export function describeTier(tier: ReminderTier): string {
  if (tier === '0') return 'at expiry';
  const n = Number(tier.slice(0, -1));
  const word = { m: 'minute', h: 'hour', d: 'day', w: 'week' }[tier.slice(-1) as keyof typeof unitMs];
  return `${n} ${word}${n === 1 ? '' : 's'} before expiry`;
}

/** Distinct lead times, longest first (the order they fire in). */
export const normaliseTiers = (tiers: readonly ReminderTier[]): ReminderTier[] => {
  const byLead = new Map<number, ReminderTier>();
  for (const tier of tiers) if (!byLead.has(tierMs(tier))) byLead.set(tierMs(tier), tier);
  return [...byLead.entries()].sort(([a], [b]) => b - a).map(([, tier]) => tier);
};

/** How long a snooze lasts. */
export const snoozeSpans = { '1h': hour, '1d': day, '1w': 7 * day } as const;
export type SnoozeSpan = keyof typeof snoozeSpans;
export const snoozeSpanNames = Object.keys(snoozeSpans) as SnoozeSpan[];

/** What a reminder warns of: the lifecycle finding it comes before or with. The last four are critical states, reminded from when they began. */
export const reminderKinds = [
  'expiring',
  'expired',
  'rotation-overdue',
  'unverified',
  'exposed',
  'revocation-pending',
  'disconnected',
  'secret-missing',
] as const;
export type ReminderKind = (typeof reminderKinds)[number];

/**
 * `<token id>.<what>.<anchor>`: stable while the token's expiry (or due date) stays the same. The
 * anchor is seconds since 1970 in base 36: negative (a leading "-") for a date before 1970.
 */
export const reminderIdSchema = z
  .string()
  .regex(
    /^[a-z0-9-]{8,64}\.(expires-[1-9][0-9]{0,3}[mhdw]|expired|rotate|verify|exposed|revoke|disconnected|secret)\.-?[0-9a-z]{1,12}$/,
    'is not a reminder id',
  );

/** Where a reminder stands now: due (and perhaps already notified), snoozed, or still to come. */
export const reminderStates = ['due', 'snoozed', 'upcoming'] as const;
