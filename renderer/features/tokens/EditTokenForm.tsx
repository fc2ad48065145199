import { useEffect, useId, useState, type FormEvent } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { lapseApi } from '../../api/lapse-api.js';
import { fieldProblem, fieldsOf, toTokenFields, type FieldValues } from './fieldValues.js';
import { TokenFieldset } from './TokenFieldset.js';

interface EditTokenFormProps {
  token: TokenView;
  onSaved(token: TokenView): void;
  onCancel(): void;
}

/** The same metadata as when adding, without the secret: changing that is rotation. */
export function EditTokenForm({ token, onSaved, onCancel }: EditTokenFormProps) {
  const id = useId();
  const [values, setValues] = useState<FieldValues>(() => fieldsOf(token));
  const [problem, setProblem] = useState<{ field: keyof FieldValues | null; message: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => document.getElementById(`${id}-label`)?.focus(), [id]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const issue = fieldProblem(values);
    if (issue) {
      setProblem(issue);
      document.getElementById(`${id}-${issue.field}`)?.focus();
      return;
    }
    setSaving(true);
    setProblem(null);
    const changes = toTokenFields({ ...values, provider: values.provider || token.provider }, token.expiresAt);
    const result = await lapseApi.editToken({ id: token.id, changes });
    setSaving(false);
    if (result.ok) onSaved(result.value);
    else setProblem({ field: null, message: result.error.message });
  };

  return (
    <form className="panel-form" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <h2 id={`${id}-title`}>Edit &lsquo;{token.label}&rsquo;</h2>
      <p className="hint">
        <code>{token.masked}</code> · the value itself stays as it is in the keychain.
      </p>
      <TokenFieldset
        values={values}
        onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
        invalid={problem?.field ?? null}
        problemId={`${id}-problem`}
        idPrefix={id}
        knownExpiry={token.expiresAt}
      />
      <p id={`${id}-problem`} className="form-problem" role="alert">
        {problem?.message}
      </p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
