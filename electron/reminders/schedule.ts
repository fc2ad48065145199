import { durations } from '../../shared/countdown.js';
import { addedAtOf } from '../../shared/lifecycle.js';
import type { TokenRecord } from '../../shared/model.js';
import { effectivePolicy, type Policy, type PolicyOverride } from '../../shared/policy.js';
import {
  defaultReminderTiers,
  normaliseTiers,
  tierMs,
  type ReminderKind,
  type ReminderTier,
} from '../../shared/reminders.js';
import type { TokenReminderState } from '../vault/reminder-state.js';

/** Reminders of one series replace each other: a later expiry tier makes an earlier one moot. */
export type ReminderSeries =
  'expiry' | 'rotation' | 'verification' | 'exposure' | 'revocation' | 'connection' | 'secret';

/** One reminder time of one token, from the lifecycle rules. Pure data: no clock, no I/O. */
export interface PlannedReminder {
  id: string;
  tokenId: string;
  kind: ReminderKind;
  series: ReminderSeries;
  tier: ReminderTier | null;
  /** ms since epoch. */
  dueAt: number;
}

const { day } = durations;
// The anchor makes an id change when the expiry or due date does, so a rotated token is reminded afresh.
const reminderId = (tokenId: string, what: string, anchor: number) =>
  `${tokenId}.${what}.${Math.floor(anchor / 1000).toString(36)}`;

const defaultTiers = normaliseTiers(defaultReminderTiers);

/** The lead times in force for a token: its own, else the defaults. */
export const tiersOf = (settings: TokenReminderState | undefined): ReminderTier[] =>
  settings?.tiers ? normaliseTiers(settings.tiers) : defaultTiers;

/** The policy a token is judged by, exactly as the lifecycle rules combine it. */
export const policyOf = (record: TokenRecord, vaultPolicy: PolicyOverride): Policy =>
  effectivePolicy(vaultPolicy, record.policy);

/**
 * The lead times that apply to a token: those that fall after it came into Lapse, plus the one whose
 * window it arrived in (added 5 days before expiry: the 7-day reminder, due at once). Earlier lead
 * times would only ever fire as stale news.
 */
export function liveTiers(record: TokenRecord, tiers: ReminderTier[]): ReminderTier[] {
  if (!record.expiresAt) return [];
  const lead = Date.parse(record.expiresAt) - Date.parse(addedAtOf(record));
  const after = tiers.filter((tier) => tier === '0' || tierMs(tier) <= lead);
  const arrivedIn = tiers
    .filter((tier) => tier !== '0' && tierMs(tier) > lead)
    .sort((a, b) => tierMs(a) - tierMs(b))[0];
  return arrivedIn && lead > 0 ? [arrivedIn, ...after] : after;
}

function expiryReminders(record: TokenRecord, tiers: ReminderTier[]): PlannedReminder[] {
  if (!record.expiresAt) return [];
  const expiresAt = Date.parse(record.expiresAt);
  return liveTiers(record, tiers)
    .map((tier) => ({ tier, dueAt: expiresAt - tierMs(tier) }))
    .map(({ tier, dueAt }) => ({
      id: reminderId(record.id, tier === '0' ? 'expired' : `expires-${tier}`, expiresAt),
      tokenId: record.id,
      kind: tier === '0' ? ('expired' as const) : ('expiring' as const),
      series: 'expiry' as const,
      tier,
      dueAt,
    }));
}

function ageReminders(record: TokenRecord, policy: Policy): PlannedReminder[] {
  const rotationDue = Date.parse(record.lastRotatedAt ?? record.createdAt) + policy.rotationDays * day;
  // Never verified counts from when Lapse got it: a just-added token is not "unverified too long" yet.
  const verificationDue = Date.parse(record.lastVerifiedAt ?? addedAtOf(record)) + policy.unverifiedDays * day;
  return [
    {
      id: reminderId(record.id, 'rotate', rotationDue),
      tokenId: record.id,
      kind: 'rotation-overdue',
      series: 'rotation',
      tier: null,
      dueAt: rotationDue,
    },
    {
      id: reminderId(record.id, 'verify', verificationDue),
      tokenId: record.id,
      kind: 'unverified',
      series: 'verification',
      tier: null,
      dueAt: verificationDue,
    },
  ];
}

/** One reminder per critical state, due from when the state began, so "Nothing is due" never hides one. */
function criticalReminders(record: TokenRecord): PlannedReminder[] {
  const out: PlannedReminder[] = [];
  const add = (kind: ReminderKind, series: ReminderSeries, what: string, since: string | undefined | null) => {
    const at = since ? Date.parse(since) : NaN;
    if (!Number.isNaN(at))
      out.push({ id: reminderId(record.id, what, at), tokenId: record.id, kind, series, tier: null, dueAt: at });
  };
  const rotatedAt = record.lastRotatedAt ? Date.parse(record.lastRotatedAt) : -Infinity;
  const exposure = (record.exposures ?? [])
    .filter((e) => Date.parse(e.foundAt) > rotatedAt)
    .sort((a, b) => a.foundAt.localeCompare(b.foundAt))[0];
  add('exposed', 'exposure', 'exposed', exposure?.foundAt);
  if (record.revocation && !record.revocation.confirmedAt)
    add('revocation-pending', 'revocation', 'revoke', record.revocation.requestedAt);
  if (record.verification?.outcome === 'rejected')
    add('disconnected', 'connection', 'disconnected', record.verification.at);
  add('secret-missing', 'secret', 'secret', record.secretMissingSince);
  return out;
}

/** A token being revoked (not a rotation's old value) is going away: its expiry, rotation and verification no longer matter. */
const beingRevoked = (record: TokenRecord) => record.revocation?.target === 'this' && !record.revocation.confirmedAt;

/** Every reminder time of a token, past and future. A revoked token has none. */
export function planToken(
  record: TokenRecord,
  vaultPolicy: PolicyOverride,
  settings: TokenReminderState | undefined,
): PlannedReminder[] {
  if (record.revokedAt) return [];
  const critical = criticalReminders(record);
  if (beingRevoked(record)) return critical;
  return [
    ...critical,
    ...expiryReminders(record, tiersOf(settings)),
    ...ageReminders(record, policyOf(record, vaultPolicy)),
  ];
}

/** Where each series of a token stands at `now`: the latest reminder already due, and the next to come. */
export interface SeriesNow {
  current: PlannedReminder | null;
  next: PlannedReminder | null;
}

/** Groups a token's plan by series; earlier due reminders of a series are superseded by the latest. */
export function seriesAt(plan: PlannedReminder[], now: number): SeriesNow[] {
  const bySeries: Partial<Record<ReminderSeries, SeriesNow>> = {};
  for (const reminder of plan) {
    const series = (bySeries[reminder.series] ??= { current: null, next: null });
    if (reminder.dueAt <= now) {
      if (!series.current || reminder.dueAt > series.current.dueAt) series.current = reminder;
    } else if (!series.next || reminder.dueAt < series.next.dueAt) series.next = reminder;
  }
  return Object.values(bySeries);
}
