import { useState } from 'react';
import type { TokenCapabilities } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { lapseApi } from '../../api/lapse-api.js';
import { providerInSentence } from '../tokens/providers.js';
import { announceVaultChange } from '../../lib/vaultChanges.js';
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js';
import { ReauthorizeDialog } from '../authorize/ReauthorizeDialog.js';
import { offersReauthorize } from '../authorize/reauthorizeOffer.js';
import { RevokeOutcome } from './RevokeOutcome.js';
import { RotateDialog } from './RotateDialog.js';
import { useRevocation } from './useRevocation.js';
import { useSettledByHand } from './useSettledByHand.js';
import { FormProblem } from '../../lib/FormProblem.js';

interface LifecycleActionsProps {
  token: TokenView;
  /** What its provider can do with it (the service says): the revoke dialog warns of side effects. */
  capabilities: TokenCapabilities | null;
  /** Rotate and Revoke read the value from the OS keychain. */
  keychainProblem: string | null;
  /** The token's history is gone too: the panel has nothing left to show. */
  onForgotten(): void;
}

type Open = 'none' | 'revoke' | 'forget' | 'rotate' | 'by-hand' | 'reauthorize';

/** What Revoke does, said before the person confirms: with its provider's side effects, and where it happens by hand. */
function revokeWords(capabilities: TokenCapabilities | null): string {
  const words = ["The token stops working for everything that uses it. This can't be undone."];
  if (capabilities?.revoke.warning) words.push(capabilities.revoke.warning);
  if (capabilities?.revoke.method === 'manual')
    words.push(
      'Its provider has no revocation API for it: Lapse gives you the steps, and keeps it pending until it is dead.',
    );
  return words.join(' ');
}

/** Rotate and Revoke for a live token; Forget for a revoked one; what the last revocation did. */
export function LifecycleActions({ token, capabilities, keychainProblem, onForgotten }: LifecycleActionsProps) {
  const [open, setOpen] = useState<Open>('none');
  const revocation = useRevocation(token.id);
  const provider = providerInSentence(token.provider);
  const revoked = token.revokedAt !== null;
  const pending = token.status === 'revocation-pending';
  // No check can show it dead from here: the person's word may settle a revocation still open.
  const stillOpen = token.revocation?.confirmedAt === null || revocation.result?.state === 'pending';
  const byHand = useSettledByHand(token, capabilities) && !revoked && stillOpen;
  const ofPrevious = token.revocation?.target === 'previous';
  const close = () => setOpen('none');
  const askByHand = () => setOpen('by-hand');

  const forget = async () => {
    const answer = await lapseApi.forgetToken({ id: token.id });
    if (!answer.ok) return answer.error.message;
    announceVaultChange();
    return null;
  };

  return (
    <div className="lifecycle">
      <div className="detail-buttons">
        {!revoked && (
          <>
            <button type="button" onClick={() => setOpen('rotate')} disabled={keychainProblem !== null}>
              Rotate…
            </button>
            {offersReauthorize(token) && (
              <button type="button" onClick={() => setOpen('reauthorize')} disabled={keychainProblem !== null}>
                Reauthorize…
              </button>
            )}
            <button
              type="button"
              className="danger"
              onClick={() => setOpen('revoke')}
              disabled={keychainProblem !== null}
            >
              Revoke…
            </button>
          </>
        )}
        {byHand && !revocation.result && (
          <button type="button" onClick={askByHand}>
            I revoked it at the provider
          </button>
        )}
        {pending && !byHand && !revocation.result && (
          <button
            type="button"
            onClick={() => !revocation.checking && void revocation.checkAgain()}
            aria-disabled={revocation.checking || undefined}
          >
            {revocation.checking ? 'Checking…' : 'Check again'}
          </button>
        )}
        {revoked && (
          <button type="button" className="danger" onClick={() => setOpen('forget')}>
            Forget…
          </button>
        )}
      </div>
      {revocation.result && (
        <RevokeOutcome
          result={revocation.result}
          checking={revocation.checking}
          onCheckAgain={() => void revocation.checkAgain()}
          onRevokeWithCode={revocation.revoke}
          {...(byHand ? { onConfirmByHand: askByHand } : {})}
        />
      )}
      <FormProblem text={revocation.problem} />
      {open === 'revoke' && (
        <ConfirmDialog
          title={`Revoke '${token.label}' at ${provider}?`}
          text={revokeWords(capabilities)}
          confirmLabel="Revoke"
          busyLabel="Revoking…"
          onConfirm={() => revocation.revoke()}
          onDone={close}
          onCancel={close}
        />
      )}
      {open === 'forget' && (
        <ConfirmDialog
          title={`Forget '${token.label}'?`}
          text="Its metadata and place in the list are removed; the audit log keeps its history. This can't be undone."
          confirmLabel="Forget"
          busyLabel="Forgetting…"
          onConfirm={forget}
          onDone={onForgotten}
          onCancel={close}
        />
      )}
      {open === 'by-hand' && (
        <ConfirmDialog
          title={
            ofPrevious
              ? `Did you revoke the old value of '${token.label}' at ${provider}?`
              : `Did you revoke '${token.label}' at ${provider}?`
          }
          text={
            capabilities?.verifiable && !ofPrevious
              ? `Lapse asks ${provider} once more. If its answer still cannot show the token dead from here, Lapse records that you confirmed it (your word, not a verify) and removes the secret from the keychain.`
              : 'Lapse cannot check this; it will record that you confirmed it.'
          }
          confirmLabel="I revoked it"
          busyLabel="Recording…"
          onConfirm={revocation.confirmByHand}
          onDone={close}
          onCancel={close}
        />
      )}
      {open === 'reauthorize' && <ReauthorizeDialog token={token} onClose={close} />}
      {open === 'rotate' && (
        <RotateDialog
          token={token}
          onClose={close}
          onConfirmByHand={askByHand}
          onReauthorize={() => setOpen('reauthorize')}
        />
      )}
    </div>
  );
}
