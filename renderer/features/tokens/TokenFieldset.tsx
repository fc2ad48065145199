import type { ProviderId } from '../../../shared/model.js';
import { shortDate, utcDay } from './dates.js';
import type { FieldValues } from './fieldValues.js';
import { providerChoices, providerNames } from './providers.js';

interface TokenFieldsetProps {
  values: FieldValues;
  onChange(patch: Partial<FieldValues>): void;
  /** The field the last problem was about, marked invalid. */
  invalid: keyof FieldValues | null;
  /** What the empty provider choice means, e.g. "Detected: GitHub". Absent: no empty choice. */
  autoProvider?: string;
  /** For aria-describedby on the invalid field. */
  problemId: string;
  /** Each input's id is `${idPrefix}-${field}`, so a form can focus the field a problem is about. */
  idPrefix: string;
  /** The exact expiry already known (from a JWT, or stored), kept while the date shows its day. */
  knownExpiry: string | null;
}

/** The metadata a person sets on a token: shared by the add and edit forms. */
export function TokenFieldset({ values, onChange, invalid, autoProvider, problemId, idPrefix: id, knownExpiry }: TokenFieldsetProps) {
  const keepsKnownExpiry = knownExpiry !== null && utcDay(knownExpiry) === values.expiresOn;
  // The hint, and when this field is the one to fix, the problem too.
  const describe = (field: keyof FieldValues, hint?: string) => {
    const ids = [hint, invalid === field ? problemId : undefined].filter(Boolean).join(' ');
    return { 'aria-invalid': invalid === field, 'aria-describedby': ids || undefined };
  };

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
              disabled={values.neverExpires}
              onChange={(e) => onChange({ expiresOn: e.target.value })}
              {...describe('expiresOn', `${id}-expiresOn-hint`)}
            />
            <p className="hint" id={`${id}-expiresOn-hint`}>
              {keepsKnownExpiry ? `Exactly ${shortDate(knownExpiry)}.` : 'At 00:00 UTC that day.'}
            </p>
          </div>
          <div className="field checkbox">
            <input
              id={`${id}-neverExpires`}
              type="checkbox"
              checked={values.neverExpires}
              onChange={(e) => onChange({ neverExpires: e.target.checked })}
            />
            <label htmlFor={`${id}-neverExpires`}>Never expires</label>
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
