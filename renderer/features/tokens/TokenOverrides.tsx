import type { PolicyOverride } from '../../../shared/policy.js';
import { parseRefreshDays, parseRefreshHours } from '../../../shared/refresh-window.js';
import { dayFields, dayProblem, type DayKey } from '../settings/policyFields.js';
import { RefreshOverrides, refreshFields, type RefreshKey } from './RefreshOverrides.js';
import { FieldProblem } from '../../lib/FieldProblem.js';

/** This token's own rules as typed: empty means "as the vault's policy". */
export interface OverrideDraft {
  days: Record<DayKey, string>;
  requireExpiry: 'vault' | 'yes' | 'no';
  /** Its own refresh window (OAuth and Slack tokens): empty fields follow the policy in Settings. */
  refresh: Record<RefreshKey, string>;
}

export type OverrideProblems = Partial<Record<DayKey | RefreshKey, string>>;

export const overridesOf = (policy: PolicyOverride | undefined): OverrideDraft => ({
  days: Object.fromEntries(
    dayFields.map((f) => [f.key, policy?.[f.key] === undefined ? '' : String(policy[f.key])]),
  ) as Record<DayKey, string>,
  requireExpiry: policy?.requireExpiry === undefined ? 'vault' : policy.requireExpiry ? 'yes' : 'no',
  refresh: Object.fromEntries(
    refreshFields.map((f) => [f.key, policy?.[f.key] === undefined ? '' : String(policy[f.key])]),
  ) as Record<RefreshKey, string>,
});

/** Why a refresh field can't be saved, or null (the same rules `lapse policy set … --token ID` keeps). */
function refreshProblemOf(key: RefreshKey, text: string): string | null {
  if (key === 'refreshDays') {
    const days = parseRefreshDays(text.trim().toLowerCase());
    return typeof days === 'string' ? `Refresh days ${days}.` : null;
  }
  if (key === 'refreshHours') {
    const hours = parseRefreshHours(text.trim().toLowerCase());
    return typeof hours === 'string' && hours !== 'any' ? `Refresh hours ${hours}.` : null;
  }
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 0 && n <= 3650 ? null : 'Enter a whole number of days from 0 (off) to 3650.';
}

export function overrideProblems(draft: OverrideDraft): OverrideProblems {
  const out: OverrideProblems = {};
  for (const f of dayFields) {
    const problem = draft.days[f.key].trim() === '' ? null : dayProblem(draft.days[f.key], f.max);
    if (problem) out[f.key] = problem;
  }
  for (const f of refreshFields) {
    const problem = draft.refresh[f.key].trim() === '' ? null : refreshProblemOf(f.key, draft.refresh[f.key]);
    if (problem) out[f.key] = problem;
  }
  return out;
}

/** The token's whole override (what is empty is left to the vault's policy). */
export function overrideChanges(draft: OverrideDraft): PolicyOverride {
  const out: PolicyOverride = {};
  for (const f of dayFields) if (draft.days[f.key].trim() !== '') out[f.key] = Number(draft.days[f.key]);
  if (draft.requireExpiry !== 'vault') out.requireExpiry = draft.requireExpiry === 'yes';
  const { refreshDays, refreshHours, refreshTrustDays } = draft.refresh;
  if (refreshDays.trim() !== '') out.refreshDays = refreshDays.trim().toLowerCase();
  if (refreshHours.trim() !== '') out.refreshHours = refreshHours.trim().toLowerCase();
  if (refreshTrustDays.trim() !== '') out.refreshTrustDays = Number(refreshTrustDays.trim());
  return out;
}

interface TokenOverridesProps {
  draft: OverrideDraft;
  onChange(draft: OverrideDraft): void;
  problems: OverrideProblems;
  idPrefix: string;
  /** The token is one Lapse refreshes (OAuth, Slack): its own refresh window can be set. */
  refreshes?: boolean;
}

/** The rules for this token alone, on top of the vault's policy (Settings); `lapse policy set KEY VALUE --token ID` does the same. */
export function TokenOverrides({ draft, onChange, problems, idPrefix: id, refreshes = false }: TokenOverridesProps) {
  const set =
    [...Object.values(draft.days), ...Object.values(draft.refresh)].filter((v) => v.trim() !== '').length +
    (draft.requireExpiry === 'vault' ? 0 : 1);
  return (
    <details className="overrides" open={set > 0 || Object.keys(problems).length > 0}>
      <summary>Rules for this token{set ? ` (${set} of its own)` : ''}</summary>
      <p className="hint">Empty: as the policy in Settings. A value here applies to this token only.</p>
      {dayFields.map((f) => (
        <div key={f.key} className="field">
          <div className="override-row">
            <label htmlFor={`${id}-override-${f.key}`}>{f.label} (days)</label>
            <input
              id={`${id}-override-${f.key}`}
              inputMode="numeric"
              value={draft.days[f.key]}
              placeholder="policy"
              onChange={(e) => onChange({ ...draft, days: { ...draft.days, [f.key]: e.target.value } })}
              aria-invalid={Boolean(problems[f.key])}
              aria-describedby={problems[f.key] ? `${id}-override-${f.key}-problem` : undefined}
            />
          </div>
          <FieldProblem id={`${id}-override-${f.key}-problem`} text={problems[f.key]} />
        </div>
      ))}
      <div className="override-row">
        <label htmlFor={`${id}-override-requireExpiry`}>Flag it if it never expires</label>
        <select
          id={`${id}-override-requireExpiry`}
          value={draft.requireExpiry}
          onChange={(e) => onChange({ ...draft, requireExpiry: e.target.value as OverrideDraft['requireExpiry'] })}
        >
          <option value="vault">as the policy</option>
          <option value="yes">yes</option>
          <option value="no">no</option>
        </select>
      </div>
      {refreshes && (
        <RefreshOverrides
          refresh={draft.refresh}
          onChange={(refresh) => onChange({ ...draft, refresh })}
          problems={problems}
          idPrefix={id}
        />
      )}
    </details>
  );
}
