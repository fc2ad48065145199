import type { PolicyOverride } from '../../../shared/policy.js';
import { dayFields, dayProblem, type DayKey } from '../settings/policyFields.js';

/** This token's own rules as typed: empty means "as the vault's policy". */
export interface OverrideDraft {
  days: Record<DayKey, string>;
  requireExpiry: 'vault' | 'yes' | 'no';
}

export const overridesOf = (policy: PolicyOverride | undefined): OverrideDraft => ({
  days: Object.fromEntries(dayFields.map((f) => [f.key, policy?.[f.key] === undefined ? '' : String(policy[f.key])])) as Record<DayKey, string>,
  requireExpiry: policy?.requireExpiry === undefined ? 'vault' : policy.requireExpiry ? 'yes' : 'no',
});

export function overrideProblems(draft: OverrideDraft): Partial<Record<DayKey, string>> {
  const out: Partial<Record<DayKey, string>> = {};
  for (const f of dayFields) {
    const problem = draft.days[f.key].trim() === '' ? null : dayProblem(draft.days[f.key], f.max);
    if (problem) out[f.key] = problem;
  }
  return out;
}

/** The token's whole override (what is empty is left to the vault's policy). */
export function overrideChanges(draft: OverrideDraft): PolicyOverride {
  const out: PolicyOverride = {};
  for (const f of dayFields) if (draft.days[f.key].trim() !== '') out[f.key] = Number(draft.days[f.key]);
  if (draft.requireExpiry !== 'vault') out.requireExpiry = draft.requireExpiry === 'yes';
  return out;
}

interface TokenOverridesProps {
  draft: OverrideDraft;
  onChange(draft: OverrideDraft): void;
  problems: Partial<Record<DayKey, string>>;
  idPrefix: string;
}

/** The rules for this token alone, on top of the vault's policy (Settings); `lapse policy set KEY VALUE --token ID` does the same. */
export function TokenOverrides({ draft, onChange, problems, idPrefix: id }: TokenOverridesProps) {
  const set = Object.values(draft.days).filter((v) => v.trim() !== '').length + (draft.requireExpiry === 'vault' ? 0 : 1);
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
          {problems[f.key] && (
            <p className="field-problem" id={`${id}-override-${f.key}-problem`}>
              {problems[f.key]}
            </p>
          )}
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
    </details>
  );
}
