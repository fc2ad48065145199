import { useEffect, useId, useState, type FormEvent } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { refreshesTokens } from '../../../shared/refresh-window.js';
import { lapseApi } from '../../api/lapse-api.js';
import { fieldsOf, toTokenFields, type FieldValues } from './fieldValues.js';
import {
  TokenOverrides,
  overridesOf,
  type OverrideDraft,
  overrideProblems,
  overrideChanges,
} from './TokenOverrides.js';
import { TokenFieldset } from './TokenFieldset.js';
import { useFormProblems } from './useFormProblems.js';
import { FormActions } from '../../lib/FormActions.js';

interface EditTokenFormProps {
  token: TokenView;
  onSaved(token: TokenView): void;
  onCancel(): void;
}

/** The same metadata as when adding, without the secret: changing that is rotation. */
export function EditTokenForm({ token, onSaved, onCancel }: EditTokenFormProps) {
  const id = useId();
  const [values, setValues] = useState<FieldValues>(() => fieldsOf(token));
  const [overrides, setOverrides] = useState<OverrideDraft>(() => overridesOf(token.policy));
  const [serviceProblem, setServiceProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const problems = useFormProblems(id);
  const overrideIssues = overrideProblems(overrides);

  useEffect(() => document.getElementById(`${id}-label`)?.focus(), [id]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setServiceProblem(null);
    if (!problems.check(values) || Object.keys(overrideIssues).length) return;
    setSaving(true);
    const changes = {
      ...toTokenFields({ ...values, provider: values.provider || token.provider }, token.expiresAt),
      policy: overrideChanges(overrides),
    };
    const result = await lapseApi.editToken({ id: token.id, changes });
    setSaving(false);
    if (result.ok) onSaved(result.value);
    else setServiceProblem(result.error.message);
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
        problems={problems.byField}
        expiryWarning={problems.expiryWarning(values)}
        idPrefix={id}
        knownExpiry={token.expiresAt}
      />
      <TokenOverrides
        draft={overrides}
        onChange={setOverrides}
        problems={overrideIssues}
        idPrefix={id}
        refreshes={refreshesTokens(token)}
      />
      <p id={`${id}-problem`} className="form-problem" role="alert">
        {[problems.summary, serviceProblem].filter(Boolean).join(' ')}
      </p>
      <FormActions submit="Save changes" busyText="Saving…" busy={saving} onCancel={onCancel} />
    </form>
  );
}
