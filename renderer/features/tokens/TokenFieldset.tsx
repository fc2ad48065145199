import type { ProviderId } from '../../../shared/model.js';
import { shortDate, utcDay } from './dates.js';
import type { FieldValues } from './fieldValues.js';
import { providerChoices, providerNames } from './providers.js';
import { FieldProblem } from '../../lib/FieldProblem.js';

interface TokenFieldsetProps {
  values: FieldValues;
  onChange(patch: Partial<FieldValues>): void;
  /** What is wrong, by field: shown under each field and marked invalid. */
  problems: Partial<Record<keyof FieldValues, string>>;
  /** A warning under the expiry date (a past date), not a problem. */
  expiryWarning?: string | null;
  /** What the empty provider choice means, e.g. "Detected: GitHub". Absent: no empty choice. */
  autoProvider?: string;
  /** Each input's id is `${idPrefix}-${field}`, so a form can focus the field a problem is about. */
  idPrefix: string;
  /** The exact expiry already known (from a JWT, or stored), kept while the date shows its day. */
  knownExpiry: string | null;
}

/** The metadata a person sets on a token: shared by the add and edit forms. */
export function TokenFieldset({
  values,
  onChange,
  problems,
  expiryWarning = null,
  autoProvider,
  idPrefix: id,
  knownExpiry,
}: TokenFieldsetProps) {
  const keepsKnownExpiry = knownExpiry !== null && utcDay(knownExpiry) === values.expiresOn;
  // The hint, and when this field has a problem, the problem too (shown right under the field).
  const describe = (field: keyof FieldValues, hint?: string) => {
    const ids = [hint, problems[field] ? `${id}-${field}-problem` : undefined].filter(Boolean).join(' ');
    return { 'aria-invalid': Boolean(problems[field]), 'aria-describedby': ids || undefined };
  };
  const problemOf = (field: keyof FieldValues) => <FieldProblem id={`${id}-${field}-problem`} text={problems[field]} />;
  const fixedExpiry = values.neverExpires || values.unknownExpiry;

  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-label`}>Label</label>
        <input
          id={`${id}-label`}
          value={values.label}
          onChange={(e) => onChange({ label: e.target.value })}
          maxLength={120}
          autoComplete="off"
          required
          {...describe('label')}
        />
        {problemOf('label')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-purpose`}>Purpose</label>
        <input
          id={`${id}-purpose`}
          value={values.purpose}
          onChange={(e) => onChange({ purpose: e.target.value })}
          maxLength={500}
          autoComplete="off"
          aria-describedby={`${id}-purpose-hint`}
        />
        <p className="hint" id={`${id}-purpose-hint`}>
          What it is for, e.g. &ldquo;push to octo/site from the laptop&rdquo;.
        </p>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-provider`}>Provider</label>
          <select
            id={`${id}-provider`}
            value={values.provider}
            onChange={(e) => onChange({ provider: e.target.value as ProviderId | '' })}
          >
            {autoProvider !== undefined && <option value="">{autoProvider}</option>}
            {providerChoices.map((p) => (
              <option key={p} value={p}>
                {providerNames[p]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-scopes`}>Declared scopes</label>
          <input
            id={`${id}-scopes`}
            value={values.scopes}
            onChange={(e) => onChange({ scopes: e.target.value })}
            autoComplete="off"
            aria-describedby={`${id}-scopes-hint`}
          />
          <p className="hint" id={`${id}-scopes-hint`}>
            Comma-separated, the scopes its purpose needs.
          </p>
        </div>
      </div>
      <fieldset className="field expiry-field">
        <legend className="visually-hidden">Expiry</legend>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-expiresOn`}>Expires on</label>
            <input
              id={`${id}-expiresOn`}
              type="date"
              value={values.expiresOn}
              disabled={fixedExpiry}
              onChange={(e) => onChange({ expiresOn: e.target.value })}
              {...describe('expiresOn', `${id}-expiresOn-hint${expiryWarning ? ` ${id}-expiresOn-warning` : ''}`)}
            />
            <p className="hint" id={`${id}-expiresOn-hint`}>
              {keepsKnownExpiry ? `Exactly ${shortDate(knownExpiry)}.` : 'At 00:00 UTC that day.'}
            </p>
            {problemOf('expiresOn')}
            {expiryWarning && (
              <p className="field-warning" id={`${id}-expiresOn-warning`}>
                {expiryWarning}
              </p>
            )}
          </div>
          <div className="expiry-choices">
            <div className="field checkbox">
              <input
                id={`${id}-neverExpires`}
                type="checkbox"
                checked={values.neverExpires}
                onChange={(e) =>
                  onChange({ neverExpires: e.target.checked, ...(e.target.checked ? { unknownExpiry: false } : {}) })
                }
              />
              <label htmlFor={`${id}-neverExpires`}>Never expires</label>
            </div>
            <div className="field checkbox">
              <input
                id={`${id}-unknownExpiry`}
                type="checkbox"
                checked={values.unknownExpiry}
                onChange={(e) =>
                  onChange({ unknownExpiry: e.target.checked, ...(e.target.checked ? { neverExpires: false } : {}) })
                }
                aria-describedby={`${id}-unknownExpiry-hint`}
              />
              <label htmlFor={`${id}-unknownExpiry`}>Not known yet</label>
            </div>
            <p className="hint" id={`${id}-unknownExpiry-hint`}>
              Unknown is not &ldquo;never&rdquo;: Lapse notes it and a verify fills it in where the provider says.
            </p>
          </div>
        </div>
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-tags`}>Tags</label>
          <input
            id={`${id}-tags`}
            value={values.tags}
            onChange={(e) => onChange({ tags: e.target.value })}
            autoComplete="off"
            aria-describedby={`${id}-tags-hint`}
          />
          <p className="hint" id={`${id}-tags-hint`}>
            Comma-separated, e.g. work, ci.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-baseUrl`}>Base URL</label>
          <input
            id={`${id}-baseUrl`}
            type="url"
            value={values.baseUrl}
            onChange={(e) => onChange({ baseUrl: e.target.value })}
            autoComplete="off"
            aria-describedby={`${id}-baseUrl-hint`}
          />
          <p className="hint" id={`${id}-baseUrl-hint`}>
            Only for GitHub Enterprise or self-managed GitLab, e.g. https://github.example.com.
          </p>
        </div>
      </div>
    </>
  );
}
