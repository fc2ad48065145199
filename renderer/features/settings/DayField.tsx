import { FieldProblem } from '../../lib/FieldProblem.js';

interface DayFieldProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  defaultValue: number;
  problem: string | null;
  onChange(value: string): void;
}

/** One day-count rule: a number of days, what it means, and its default. */
export function DayField({ id, label, hint, value, defaultValue, problem, onChange }: DayFieldProps) {
  const changed = value.trim() !== String(defaultValue);
  return (
    <div className="field setting">
      <label htmlFor={id}>{label}</label>
      <div className="setting-input">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
        />
        <span className="unit">days</span>
        {changed && (
          <button type="button" className="quiet" onClick={() => onChange(String(defaultValue))}>
            Use default ({defaultValue})
          </button>
        )}
      </div>
      <p className="hint" id={`${id}-hint`}>
        {hint} Default: {defaultValue} days.
      </p>
      <FieldProblem id={`${id}-problem`} text={problem} />
    </div>
  );
}
