import { FieldProblem } from '../../lib/FieldProblem.js';

export type RefreshKey = 'refreshDays' | 'refreshHours' | 'refreshTrustDays';

/** A token's own refresh window, field by field (the same keys as Settings' "Refresh window"). */
export const refreshFields: readonly { key: RefreshKey; label: string; placeholder: string }[] = [
  { key: 'refreshDays', label: 'Refresh only on (days, UTC)', placeholder: 'policy, e.g. mon-fri' },
  { key: 'refreshHours', label: 'Refresh only between (UTC)', placeholder: 'policy, e.g. 08:00-20:00' },
  { key: 'refreshTrustDays', label: 'Refresh only if verified within (days, 0: off)', placeholder: 'policy' },
];

interface RefreshOverridesProps {
  refresh: Record<RefreshKey, string>;
  onChange(refresh: Record<RefreshKey, string>): void;
  problems: Partial<Record<RefreshKey, string>>;
  idPrefix: string;
}

/** When Lapse may refresh this token: outside it a refresh is refused and says when the window opens. */
export function RefreshOverrides({ refresh, onChange, problems, idPrefix: id }: RefreshOverridesProps) {
  return (
    <>
      {refreshFields.map((f) => (
        <div key={f.key} className="field">
          <div className="override-row">
            <label htmlFor={`${id}-override-${f.key}`}>{f.label}</label>
            <input
              id={`${id}-override-${f.key}`}
              value={refresh[f.key]}
              placeholder={f.placeholder}
              spellCheck={false}
              inputMode={f.key === 'refreshTrustDays' ? 'numeric' : undefined}
              onChange={(e) => onChange({ ...refresh, [f.key]: e.target.value })}
              aria-invalid={Boolean(problems[f.key])}
              aria-describedby={problems[f.key] ? `${id}-override-${f.key}-problem` : undefined}
            />
          </div>
          <FieldProblem id={`${id}-override-${f.key}-problem`} text={problems[f.key]} />
        </div>
      ))}
    </>
  );
}
