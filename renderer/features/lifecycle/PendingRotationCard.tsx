import { useId, useState } from 'react';
import type { PendingRotation } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { lapseApi } from '../../api/lapse-api.js';
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js';
import { showToast } from '../toasts/toasts.js';
import { shortDate } from '../tokens/dates.js';
import { announceVaultChange } from '../../lib/vaultChanges.js';
import { FormProblem } from '../../lib/FormProblem.js';

interface PendingRotationCardProps {
  token: TokenView;
  rotation: PendingRotation;
  keychainProblem: string | null;
}

/** A rotation paused half-way: what Lapse kept, why it stopped, and Resume / Discard. */
export function PendingRotationCard({ token, rotation, keychainProblem }: PendingRotationCardProps) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const kept = rotation.newMasked
    ? `Lapse keeps the new value ${rotation.newMasked} in the keychain; ${token.masked} is still the current one.`
    : `${token.masked} is still the current value.`;

  const resume = async () => {
    setBusy(true);
    setProblem(null);
    const answer = await lapseApi.rotateToken({ id: token.id });
    setBusy(false);
    announceVaultChange();
    if (!answer.ok) return setProblem(answer.error.message);
    if (answer.value.state === 'pending') return setProblem(answer.value.message);
    showToast({ text: answer.value.message });
  };
  const discard = async () => {
    const answer = await lapseApi.discardRotation({ id: token.id });
    if (!answer.ok) return answer.error.message;
    announceVaultChange();
    showToast({ text: answer.value.message });
    return null;
  };

  return (
    <section className="pending-rotation" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Rotation paused</h3>
      <p>
        {rotation.kind === 'guided' ? 'The replacement you gave' : 'An automatic rotation'} (started{' '}
        {shortDate(rotation.startedAt)}) is not finished. {kept}
      </p>
      {rotation.reason && <p className="muted">Why: {rotation.reason}</p>}
      <FormProblem text={problem} />
      <div className="detail-buttons">
        <button
          type="button"
          className="primary"
          onClick={() => !busy && void resume()}
          aria-disabled={busy || undefined}
          disabled={keychainProblem !== null}
        >
          {busy ? 'Resuming…' : 'Resume'}
        </button>
        {rotation.canDiscard && (
          <button
            type="button"
            className="danger"
            onClick={() => setDiscarding(true)}
            disabled={keychainProblem !== null}
          >
            Discard the new value…
          </button>
        )}
      </div>
      {discarding && (
        <ConfirmDialog
          title={`Discard the new value of '${token.label}'?`}
          text={`${rotation.newMasked ?? 'The new value'} leaves the keychain and ${token.masked} stays current. If you already created that new token at the provider, revoke it there: Lapse forgets it.`}
          confirmLabel="Discard it"
          busyLabel="Discarding…"
          onConfirm={discard}
          onDone={() => setDiscarding(false)}
          onCancel={() => setDiscarding(false)}
        />
      )}
    </section>
  );
}
