import type { PolicyState } from '../../app/useVault.js';
import { parseRefreshDays, parseRefreshHours } from '../../../shared/refresh-window.js';

export type Policy = PolicyState['effective'];
export type DayKey = 'warningDays' | 'maxLifetimeDays' | 'rotationDays' | 'unverifiedDays' | 'unusedDays';
export type Threshold = Policy['threshold'];

/** The day-count rules a person can change here, in words; the service checks the same bounds. */
export const dayFields: readonly { key: DayKey; label: string; max: number; hint: string }[] = [
  {
    key: 'warningDays',
    label: 'Warning window',
    max: 365,
    hint: 'A token this close to its expiry counts as expiring.',
  },
  {
    key: 'maxLifetimeDays',
    label: 'Maximum lifetime',
    max: 3650,
    hint: 'Longest span from creation to expiry; a longer-lived token is flagged, however far off its expiry.',
  },
  {
    key: 'rotationDays',
    label: 'Rotate every',
    max: 3650,
    hint: 'A token not rotated (or created) within this is rotation-overdue.',
  },
  {
    key: 'unverifiedDays',
    label: 'Verify every',
    max: 3650,
    hint: 'A token not checked with its provider within this is unverified.',
  },
  {
    key: 'unusedDays',
    label: 'Unused after',
    max: 3650,
    hint: 'A token its provider reports unused for this long is flagged.',
  },
];

export const thresholds: readonly { value: Threshold; words: string }[] = [
  { value: 'critical', words: 'Critical findings only' },
  { value: 'warning', words: 'Warnings or worse' },
  { value: 'info', words: 'Any finding, notes included' },
];

/** What the form holds, as typed. */
export interface PolicyDraft {
  days: Record<DayKey, string>;
  requireExpiry: boolean;
  threshold: Threshold;
  /** When Lapse may refresh OAuth and Slack tokens, as typed. */
  refresh: { days: string; hours: string; trustDays: string };
}

export const draftOf = (policy: Policy): PolicyDraft => ({
  days: Object.fromEntries(dayFields.map((f) => [f.key, String(policy[f.key])])) as Record<DayKey, string>,
  requireExpiry: policy.requireExpiry,
  threshold: policy.threshold,
  refresh: { days: policy.refreshDays, hours: policy.refreshHours, trustDays: String(policy.refreshTrustDays) },
});

/** Why the refresh fields can't be saved, or null (the same rules the service checks). */
export function refreshProblem(refresh: PolicyDraft['refresh']): string | null {
  const days = parseRefreshDays(refresh.days);
  if (typeof days === 'string') return `Refresh days ${days}.`;
  const hours = parseRefreshHours(refresh.hours);
  if (typeof hours === 'string' && hours !== 'any') return `Refresh hours ${hours}.`;
  const n = Number(refresh.trustDays.trim());
  return refresh.trustDays.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 3650
    ? null
    : 'Verified within: enter a whole number of days from 0 (off) to 3650.';
}

/** Why a day field can't be saved, or null. */
export function dayProblem(text: string, max: number): string | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= max
    ? null
    : `Enter a whole number of days from 1 to ${max}.`;
}

type RefreshKey = 'refreshDays' | 'refreshHours' | 'refreshTrustDays';
type Change = Partial<Pick<Policy, DayKey | 'requireExpiry' | 'threshold' | RefreshKey>>;
type ResetKey = DayKey | 'requireExpiry' | 'threshold' | RefreshKey;

/**
 * The call that saves a draft: values equal to the default go back to it (so a later change of
 * default applies), the rest become the vault's overrides.
 */
export function policyChanges(draft: PolicyDraft, defaults: Policy): { changes: Change; reset: ResetKey[] } {
  const changes: Change = {};
  const reset: ResetKey[] = [];
  for (const { key } of dayFields) {
    const value = Number(draft.days[key]);
    if (value === defaults[key]) reset.push(key);
    else changes[key] = value;
  }
  if (draft.requireExpiry === defaults.requireExpiry) reset.push('requireExpiry');
  else changes.requireExpiry = draft.requireExpiry;
  if (draft.threshold === defaults.threshold) reset.push('threshold');
  else changes.threshold = draft.threshold;
  const days = draft.refresh.days.trim().toLowerCase();
  if (days === defaults.refreshDays) reset.push('refreshDays');
  else changes.refreshDays = days;
  const hours = draft.refresh.hours.trim().toLowerCase();
  if (hours === defaults.refreshHours) reset.push('refreshHours');
  else changes.refreshHours = hours;
  const trust = Number(draft.refresh.trustDays.trim());
  if (trust === defaults.refreshTrustDays) reset.push('refreshTrustDays');
  else changes.refreshTrustDays = trust;
  return { changes, reset };
}

export const allResetKeys: readonly ResetKey[] = [
  ...dayFields.map((f) => f.key),
  'requireExpiry',
  'threshold',
  'refreshDays',
  'refreshHours',
  'refreshTrustDays',
];
