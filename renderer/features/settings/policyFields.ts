import type { PolicyState } from '../../app/useVault.js';

export type Policy = PolicyState['effective'];
export type DayKey = 'warningDays' | 'maxLifetimeDays' | 'rotationDays' | 'unverifiedDays' | 'unusedDays';
export type Threshold = Policy['threshold'];

/** The day-count rules a person can change here, in words; the service checks the same bounds. */
export const dayFields: readonly { key: DayKey; label: string; max: number; hint: string }[] = [
  { key: 'warningDays', label: 'Warning window', max: 365, hint: 'A token this close to its expiry counts as expiring.' },
  {
    key: 'maxLifetimeDays',
    label: 'Maximum lifetime',
    max: 3650,
    hint: 'Longest span from creation to expiry; a longer-lived token is flagged, however far off its expiry.',
  },
  { key: 'rotationDays', label: 'Rotate every', max: 3650, hint: 'A token not rotated (or created) within this is rotation-overdue.' },
  { key: 'unverifiedDays', label: 'Verify every', max: 3650, hint: 'A token not checked with its provider within this is unverified.' },
  { key: 'unusedDays', label: 'Unused after', max: 3650, hint: 'A token its provider reports unused for this long is flagged.' },
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
}

export const draftOf = (policy: Policy): PolicyDraft => ({
  days: Object.fromEntries(dayFields.map((f) => [f.key, String(policy[f.key])])) as Record<DayKey, string>,
  requireExpiry: policy.requireExpiry,
  threshold: policy.threshold,
});

/** Why a day field can't be saved, or null. */
export function dayProblem(text: string, max: number): string | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= max ? null : `Enter a whole number of days from 1 to ${max}.`;
}

type Change = Partial<Pick<Policy, DayKey | 'requireExpiry' | 'threshold'>>;
type ResetKey = DayKey | 'requireExpiry' | 'threshold';

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
  return { changes, reset };
}

export const allResetKeys: readonly ResetKey[] = [...dayFields.map((f) => f.key), 'requireExpiry', 'threshold'];
