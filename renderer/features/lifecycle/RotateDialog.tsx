import { useEffect, useId, useRef, useState } from 'react';
import type { RotationGuide, RotationPlan, RotationResult } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { lapseApi } from '../../api/lapse-api.js';
import { providerInSentence } from '../tokens/providers.js';
import { announceVaultChange } from '../../lib/vaultChanges.js';
import { showToast } from '../toasts/toasts.js';
import { GuidedStep } from './GuidedStep.js';
import { RotationOutcome } from './RotationOutcome.js';
import { useSettledByHand } from './useSettledByHand.js';
import { useAnswerEffect } from '../../lib/useAnswerEffect.js';
import { FormProblem } from '../../lib/FormProblem.js';

type Phase =
  | { step: 'start' }
  | { step: 'rotating' }
  | { step: 'guided'; guide: RotationGuide; checking: boolean }
  | { step: 'done'; result: RotationResult };

interface RotateDialogProps {
  token: TokenView;
  onClose(): void;
  /** The old value can only be confirmed dead by the person's word: close and ask them. */
  onConfirmByHand(): void;
  /** The rotation ended in "authorize again": close and open Reauthorize. */
  onReauthorize(): void;
}

/** The Rotate wizard: automatic where the provider can, else the guide and a pasted replacement. */
export function RotateDialog({ token, onClose, onConfirmByHand, onReauthorize }: RotateDialogProps) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'start' });
  const [plan, setPlan] = useState<RotationPlan | null>(null);
  const [expiresOn, setExpiresOn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const provider = providerInSentence(token.provider);
  const settledByHand = useSettledByHand(token, null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  // What Rotate will do (and the expiry it asks for), shown before the person confirms.
  useAnswerEffect(
    () => lapseApi.planRotation({ id: token.id }),
    [token.id],
    (answer) => {
      if (!answer.ok) return setError(answer.error.message);
      setPlan(answer.value);
      if (answer.value.takesExpiry && answer.value.expiresAt) setExpiresOn(answer.value.expiresAt);
    },
  );

  const rotate = async () => {
    setError(null);
    setPhase({ step: 'rotating' });
    const answer = await lapseApi.rotateToken(
      plan?.takesExpiry && expiresOn ? { id: token.id, expiresAt: expiresOn } : { id: token.id },
    );
    if (!answer.ok) {
      setError(answer.error.message);
      setPhase({ step: 'start' });
      return;
    }
    announceVaultChange();
    const { guide } = answer.value;
    setPhase(
      answer.value.state === 'guided' && guide
        ? { step: 'guided', guide, checking: false }
        : { step: 'done', result: answer.value },
    );
  };

  // Paused (a provider did not answer): carry it on now, or drop the new value.
  const resume = async () => {
    setError(null);
    setPhase({ step: 'rotating' });
    const answer = await lapseApi.rotateToken({ id: token.id });
    announceVaultChange();
    if (!answer.ok) {
      setError(answer.error.message);
      setPhase({ step: 'start' });
      return;
    }
    setPhase({ step: 'done', result: answer.value });
  };
  const discard = async () => {
    setError(null);
    const answer = await lapseApi.discardRotation({ id: token.id });
    announceVaultChange();
    if (!answer.ok) return setError(answer.error.message);
    showToast({ text: answer.value.message });
    onClose();
  };

  const startGuided = async () => {
    setError(null);
    const answer = await lapseApi.startGuidedRotation({ id: token.id });
    if (answer.ok) setPhase({ step: 'guided', guide: answer.value, checking: false });
    else setError(answer.error.message);
  };

  const complete = async (guide: RotationGuide, secret: string) => {
    setError(null);
    setPhase({ step: 'guided', guide, checking: true });
    const answer = await lapseApi.completeGuidedRotation({ id: token.id, secret });
    if (!answer.ok) {
      setError(answer.error.message);
      setPhase({ step: 'guided', guide, checking: false });
      return;
    }
    announceVaultChange();
    setPhase({ step: 'done', result: answer.value });
  };

  return (
    <dialog ref={ref} className="dialog rotate-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`}>
        Rotate &apos;{token.label}&apos; at {provider}
      </h2>
      {(phase.step === 'start' || phase.step === 'rotating') && (
        <>
          {plan ? (
            <p className="rotate-plan">
              <strong>{plan.kind === 'automatic' ? `${plan.method}:` : 'By hand:'}</strong> {plan.summary}
            </p>
          ) : (
            <p className="muted">Asking Lapse how {provider} rotates this token…</p>
          )}
          {plan?.takesExpiry && (
            <>
              <label htmlFor={`${id}-expires`}>New expiry</label>
              <input
                id={`${id}-expires`}
                type="date"
                value={expiresOn}
                required
                onChange={(e) => setExpiresOn(e.target.value)}
                aria-describedby={`${id}-expiry-note`}
              />
              <p id={`${id}-expiry-note`} className="muted rotate-expiry-note">
                {plan.expiresAt && expiresOn === plan.expiresAt
                  ? `Proposed: ${plan.expiryNote ?? ''}`
                  : 'A date you chose; Lapse sends it as is.'}
              </p>
            </>
          )}
          {plan && !plan.takesExpiry && plan.expiryNote && <p className="muted">{plan.expiryNote}</p>}
          {plan?.warnings.map((w) => (
            <p key={w} className="rotate-warning">
              {w}
            </p>
          ))}
          {phase.step === 'rotating' && (
            <p role="status" className="rotate-progress">
              Rotating at {provider}: creating the new value, checking it, revoking the old one…
            </p>
          )}
        </>
      )}
      {phase.step === 'guided' && (
        <GuidedStep
          guide={phase.guide}
          busy={phase.checking}
          onSubmit={(secret) => void complete(phase.guide, secret)}
        />
      )}
      {phase.step === 'done' && <RotationOutcome result={phase.result} />}
      {phase.step === 'done' && phase.result.state === 'revocation-pending' && settledByHand && (
        <p className="rotate-by-hand">
          <strong>Old value still live</strong> — revoke it by hand at {provider}, then confirm here.
        </p>
      )}
      <FormProblem text={error} />
      <div className="form-actions">
        {(phase.step === 'start' || phase.step === 'rotating') && (
          <>
            <button
              type="button"
              className="primary"
              onClick={() => phase.step === 'start' && plan && void rotate()}
              aria-disabled={phase.step === 'rotating' || !plan || undefined}
            >
              {phase.step === 'rotating' ? 'Rotating…' : 'Rotate'}
            </button>
            <button
              type="button"
              onClick={() => phase.step === 'start' && void startGuided()}
              aria-disabled={phase.step === 'rotating' || undefined}
            >
              Rotate by hand
            </button>
          </>
        )}
        {phase.step === 'done' && phase.result.state === 'pending' && (
          <>
            <button type="button" className="primary" onClick={() => void resume()}>
              Try again now
            </button>
            {phase.result.kind === 'guided' && (
              <button type="button" className="danger" onClick={() => void discard()}>
                Discard the new value
              </button>
            )}
          </>
        )}
        {phase.step === 'done' && phase.result.state === 'reauthorize' && (
          <button type="button" className="primary" onClick={onReauthorize}>
            Reauthorize…
          </button>
        )}
        {phase.step === 'done' && phase.result.state === 'revocation-pending' && settledByHand && (
          <button type="button" className="primary" onClick={onConfirmByHand}>
            I revoked it at the provider
          </button>
        )}
        <button type="button" onClick={onClose}>
          {phase.step === 'done' && phase.result.state === 'pending'
            ? 'Decide later'
            : phase.step === 'done'
              ? 'Close'
              : 'Cancel'}
        </button>
      </div>
    </dialog>
  );
}
