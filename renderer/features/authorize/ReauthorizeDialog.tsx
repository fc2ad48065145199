import { useEffect, useId, useRef, useState } from 'react';
import type { AuthorizeGuide, RotationResult } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { lapseApi } from '../../api/lapse-api.js';
import { GuidedStep } from '../lifecycle/GuidedStep.js';
import { RotationOutcome } from '../lifecycle/RotationOutcome.js';
import { providerInSentence } from '../tokens/providers.js';
import { announceVaultChange } from '../../lib/vaultChanges.js';
import { AuthorizationResult } from './AuthorizationResult.js';
import { AuthorizationWait } from './AuthorizationWait.js';
import { beyond, scopesIn } from './scopeWords.js';
import { useAuthorization } from './useAuthorization.js';
import { useAnswerEffect } from '../../lib/useAnswerEffect.js';
import { FormActions } from '../../lib/FormActions.js';
import { SignInMethod, type SignInWay } from './SignInMethod.js';
import { FormProblem } from '../../lib/FormProblem.js';

interface ReauthorizeDialogProps {
  token: TokenView;
  onClose(): void;
}

/**
 * Reauthorize: a new grant with no more scope than the purpose. OAuth: sign in again at the issuer
 * (browser or device code), the new grant verified, the old one revoked. Others: the create page
 * with the declared scopes filled in, then the pasted replacement.
 */
export function ReauthorizeDialog({ token, onClose }: ReauthorizeDialogProps) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const oauth = token.provider === 'oauth2';
  const [scopes, setScopes] = useState(token.scopes.join(' '));
  const [method, setMethod] = useState<SignInWay>('loopback');
  const [wider, setWider] = useState(false);
  const [guide, setGuide] = useState<AuthorizeGuide | null>(null);
  const [guided, setGuided] = useState<{ busy: boolean; result: RotationResult | null; problem: string | null }>({
    busy: false,
    result: null,
    problem: null,
  });
  const { phase, problem, begin, cancel } = useAuthorization();
  const provider = providerInSentence(token.provider);
  const asked = scopesIn(scopes);
  const extra = beyond(asked, token.scopes);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  useAnswerEffect(
    () => (oauth ? null : lapseApi.authorizeGuide({ tokenId: token.id })),
    [oauth, token.id],
    (answer) => answer.ok && setGuide(answer.value),
  );

  const complete = async (secret: string) => {
    setGuided({ busy: true, result: null, problem: null });
    const answer = await lapseApi.completeGuidedRotation({ id: token.id, secret });
    if (answer.ok) announceVaultChange();
    setGuided(
      answer.ok
        ? { busy: false, result: answer.value, problem: null }
        : { busy: false, result: null, problem: answer.error.message },
    );
  };
  const close = () => {
    cancel();
    onClose();
  };
  const outcome = phase.step === 'done' ? phase.outcome : null;

  return (
    <dialog ref={ref} className="dialog reauthorize-dialog" aria-labelledby={`${id}-title`} onClose={close}>
      <h2 id={`${id}-title`}>
        Reauthorize &apos;{token.label}&apos; at {provider}
      </h2>
      {oauth && phase.step !== 'waiting' && !outcome && (
        <form
          className="authorize-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (phase.step === 'starting' || (extra.length > 0 && !wider)) return;
            void begin({
              tokenId: token.id,
              scopes: asked,
              method,
              ...(extra.length ? { widerThanPurpose: true } : {}),
            });
          }}
        >
          <p>
            Sign in again at the issuer for a new grant. Lapse checks it, makes it current, then revokes the old grant
            and confirms it is dead.
          </p>
          <label htmlFor={`${id}-scopes`}>Scopes to ask for</label>
          <input
            id={`${id}-scopes`}
            value={scopes}
            onChange={(e) => setScopes(e.target.value)}
            spellCheck={false}
            aria-describedby={`${id}-scopes-hint`}
          />
          <p id={`${id}-scopes-hint`} className="hint">
            Its declared purpose: {token.scopes.join(', ') || 'no scopes'}. Fewer narrows the token; the purpose follows
            what you ask.
          </p>
          {extra.length > 0 && (
            <div className="rotate-warning" role="alert">
              <p>
                {extra.join(', ')} {extra.length === 1 ? 'is' : 'are'} beyond this token&apos;s declared purpose. A
                token should hold no more than its purpose needs.
              </p>
              <label>
                <input type="checkbox" checked={wider} onChange={(e) => setWider(e.target.checked)} /> Ask for more
                anyway (the purpose widens)
              </label>
            </div>
          )}
          <SignInMethod name={`${id}-method`} value={method} onChange={setMethod} />
          <FormActions
            submit="Sign in"
            busyText="Starting…"
            busy={phase.step === 'starting'}
            held={extra.length > 0 && !wider}
            inDialog
            onCancel={close}
          />
        </form>
      )}
      {phase.step === 'waiting' && <AuthorizationWait start={phase.start} />}
      {outcome && <AuthorizationResult outcome={outcome} verb="Reauthorized" />}
      {!oauth && guide && !guided.result && (
        <GuidedStep
          guide={{ ...guide, manageLink: null }}
          busy={guided.busy}
          onSubmit={(secret) => void complete(secret)}
        />
      )}
      {guided.result && <RotationOutcome result={guided.result} />}
      <FormProblem text={problem ?? guided.problem} />
      {(phase.step === 'waiting' || outcome || !oauth) && (
        <div className="form-actions">
          <button type="button" onClick={close}>
            {outcome || guided.result ? 'Close' : 'Cancel'}
          </button>
        </div>
      )}
    </dialog>
  );
}
