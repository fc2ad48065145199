import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { lapseApi } from '../../api/lapse-api.js';
import { AuthorizeDialog } from '../authorize/AuthorizeDialog.js';
import { exactDate, utcDay } from './dates.js';
import { readValue, type ValueReading } from './detection.js';
import { emptyFields, toTokenFields, type FieldValues } from './fieldValues.js';
import { providerNames } from './providers.js';
import { TokenFieldset } from './TokenFieldset.js';
import { useFormProblems } from './useFormProblems.js';
import { FormActions } from '../../lib/FormActions.js';
import { FieldProblem } from '../../lib/FieldProblem.js';

interface AddTokenFormProps {
  onSaved(token: TokenView): void;
  onCancel(): void;
}

/**
 * Paste first, then the metadata. The value stays in the password input (never in React state, so
 * never in an attribute of the page) and goes to the service only on Save.
 */
export function AddTokenForm({ onSaved, onCancel }: AddTokenFormProps) {
  const id = useId();
  const secretRef = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState<ValueReading>(() => readValue(''));
  const [values, setValues] = useState<FieldValues>(emptyFields);
  const [touched, setTouched] = useState<ReadonlySet<keyof FieldValues>>(new Set());
  const [secretProblem, setSecretProblem] = useState<string | null>(null);
  const [serviceProblem, setServiceProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [authorizing, setAuthorizing] = useState(false);
  const problems = useFormProblems(id);

  useEffect(() => secretRef.current?.focus(), []);

  const change = (patch: Partial<FieldValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setTouched((t) => new Set([...t, ...(Object.keys(patch) as (keyof FieldValues)[])]));
  };

  const onValue = (value: string) => {
    const next = readValue(value);
    setReading(next);
    const found = next.detection;
    // Fill in the expiry the value itself states, unless the person already chose otherwise. A JWT's
    // scope claim is what it was granted, not what its purpose needs: shown, never filled in.
    setValues((v) => ({
      ...v,
      expiresOn:
        touched.has('expiresOn') || touched.has('neverExpires') || touched.has('unknownExpiry')
          ? v.expiresOn
          : found?.expiresAt
            ? utcDay(found.expiresAt)
            : '',
    }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const secret = secretRef.current?.value ?? '';
    const secretIssue = secret ? reading.problem : 'Paste the token value first.';
    setSecretProblem(secretIssue);
    setServiceProblem(null);
    // Every problem at once, each under its field; the value's first (focus goes there).
    const fieldsOk = problems.check(values);
    if (secretIssue) {
      secretRef.current?.focus();
      return;
    }
    if (!fieldsOk) return;
    setSaving(true);
    const result = await lapseApi.addToken({ secret, ...toTokenFields(values, reading.detection?.expiresAt ?? null) });
    setSaving(false);
    if (result.ok) onSaved(result.value);
    else setServiceProblem(result.error.message);
  };
  const summary = [secretProblem, problems.summary, serviceProblem].filter(Boolean).join(' ');

  const detected = reading.detection;
  return (
    <>
      <form className="panel-form" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>Add a token</h2>
        <p className="hint">
          An OAuth issuer?{' '}
          <button type="button" className="link-button" onClick={() => setAuthorizing(true)}>
            Sign in to get a new token instead…
          </button>
        </p>
        <div className="field">
          <label htmlFor={`${id}-secret`}>Token value</label>
          <input
            ref={secretRef}
            id={`${id}-secret`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => onValue(e.target.value)}
            aria-describedby={`${id}-secret-hint ${id}-reading${secretProblem ? ` ${id}-secret-problem` : ''}`}
            aria-invalid={secretProblem !== null || reading.problem !== null}
          />
          <FieldProblem id={`${id}-secret-problem`} text={secretProblem} />
          <p className="hint" id={`${id}-secret-hint`}>
            Paste it first. It goes to your OS keychain on Save, and nowhere else.
          </p>
          <p
            id={`${id}-reading`}
            role="status"
            className={`reading${reading.problem ? ' reading-problem' : detected ? ' reading-ok' : ''}`}
          >
            {reading.summary}
            {detected?.expiresAt ? ` · expires ${exactDate(detected.expiresAt)}` : ''}
            {detected?.scopes?.length ? ` · Granted by the JWT: ${detected.scopes.join(', ')}` : ''}
          </p>
        </div>
        <TokenFieldset
          values={values}
          onChange={change}
          problems={problems.byField}
          expiryWarning={problems.expiryWarning(values)}
          autoProvider={detected ? `Detected: ${providerNames[detected.provider]}` : 'Detect from the value'}
          idPrefix={id}
          knownExpiry={detected?.expiresAt ?? null}
        />
        <p id={`${id}-problem`} className="form-problem" role="alert">
          {summary}
        </p>
        <FormActions submit="Save" busyText="Saving…" busy={saving} onCancel={onCancel} />
      </form>
      {authorizing && <AuthorizeDialog onClose={() => setAuthorizing(false)} onIssued={onSaved} />}
    </>
  );
}
