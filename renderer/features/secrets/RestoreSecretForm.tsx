import { useId, useState } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { lapseApi } from '../../api/lapse-api.js';
import { showToast } from '../toasts/toasts.js';
import { announceVaultChange } from '../../lib/vaultChanges.js';
import { FormProblem } from '../../lib/FormProblem.js';

/** The keychain lost this token's value: paste it back (Lapse checks the fingerprint), or delete the record. */
export function RestoreSecretForm({
  token,
  keychainProblem,
  onDelete,
}: {
  token: TokenView;
  keychainProblem: string | null;
  onDelete(): void;
}) {
  const id = useId();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const restore = async () => {
    setBusy(true);
    setProblem(null);
    const answer = await lapseApi.restoreSecret({ id: token.id, secret: value });
    setBusy(false);
    if (!answer.ok) return setProblem(answer.error.message);
    setValue('');
    announceVaultChange();
    showToast({ text: `The value of "${token.label}" is back in the OS keychain.` });
  };
  return (
    <form
      className="restore-secret"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy && value) void restore();
      }}
    >
      <h3 id={`${id}-title`}>The secret is missing from the keychain</h3>
      <p>
        Lapse still knows this token ({token.masked}, fingerprint {token.fingerprint}) but the OS keychain has no value
        for it. If Lapse was started with another keyring than usual, start it with the usual one. Otherwise paste the
        value here: Lapse takes only the value whose fingerprint matches.
      </p>
      <label htmlFor={`${id}-value`}>Token value</label>
      <input
        id={`${id}-value`}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <FormProblem text={problem} />
      <div className="detail-buttons">
        <button
          type="submit"
          className="primary"
          aria-disabled={busy || !value || undefined}
          disabled={keychainProblem !== null}
        >
          {busy ? 'Restoring…' : 'Restore the value'}
        </button>
        <button type="button" className="danger" onClick={onDelete}>
          Delete this record…
        </button>
      </div>
    </form>
  );
}
