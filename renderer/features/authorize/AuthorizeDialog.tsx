import { useEffect, useId, useRef, useState } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { AuthorizationResult } from './AuthorizationResult.js';
import { AuthorizationWait } from './AuthorizationWait.js';
import { scopesIn } from './scopeWords.js';
import { useAuthorization } from './useAuthorization.js';
import { FormActions } from '../../lib/FormActions.js';
import { SignInMethod, type SignInWay } from './SignInMethod.js';
import { FormProblem } from '../../lib/FormProblem.js';

interface AuthorizeDialogProps {
  onClose(): void;
  /** The new token, once the issuer granted it and Lapse stored it. */
  onIssued(token: TokenView): void;
}

/** Issue a new token at an OAuth 2.0 / OpenID Connect issuer: sign in (browser or device code), with exactly the scopes its purpose needs. */
export function AuthorizeDialog({ onClose, onIssued }: AuthorizeDialogProps) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const [issuer, setIssuer] = useState('');
  const [clientId, setClientId] = useState('');
  const [scopes, setScopes] = useState('');
  const [label, setLabel] = useState('');
  const [method, setMethod] = useState<SignInWay>('loopback');
  const { phase, problem, begin, cancel } = useAuthorization();
  const outcome = phase.step === 'done' ? phase.outcome : null;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const close = () => {
    cancel();
    onClose();
  };

  return (
    <dialog ref={ref} className="dialog authorize-dialog" aria-labelledby={`${id}-title`} onClose={close}>
      <h2 id={`${id}-title`}>Authorize a new OAuth token</h2>
      {phase.step !== 'waiting' && !outcome && (
        <form
          className="authorize-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (phase.step === 'starting') return;
            // The client secret stays in its password input until this call (never in React state).
            const clientSecret = secretRef.current?.value ?? '';
            void begin({
              issuer: issuer.trim(),
              clientId: clientId.trim(),
              ...(clientSecret ? { clientSecret } : {}),
              scopes: scopesIn(scopes),
              ...(label.trim() ? { label: label.trim() } : {}),
              method,
            });
          }}
        >
          <p>
            Sign in at the issuer; the token it grants goes to your OS keychain with its refresh token. Ask only for the
            scopes its purpose needs.
          </p>
          <label htmlFor={`${id}-issuer`}>Issuer URL</label>
          <input
            id={`${id}-issuer`}
            type="url"
            required
            value={issuer}
            onChange={(e) => setIssuer(e.target.value)}
            placeholder="https://login.example.com/realms/dev"
            spellCheck={false}
          />
          <label htmlFor={`${id}-client`}>Client id</label>
          <input
            id={`${id}-client`}
            required
            value={clientId}
            onChange={(e) => setClientId(e.target.value)}
            spellCheck={false}
          />
          <label htmlFor={`${id}-secret`}>Client secret (none for a public client)</label>
          <input id={`${id}-secret`} ref={secretRef} type="password" autoComplete="off" spellCheck={false} />
          <label htmlFor={`${id}-scopes`}>Scopes (its purpose)</label>
          <input
            id={`${id}-scopes`}
            value={scopes}
            onChange={(e) => setScopes(e.target.value)}
            spellCheck={false}
            placeholder="api:read"
          />
          <label htmlFor={`${id}-label`}>Label</label>
          <input id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value)} />
          <SignInMethod name={`${id}-method`} value={method} onChange={setMethod} />
          <FormActions
            submit="Sign in"
            busyText="Starting…"
            busy={phase.step === 'starting'}
            inDialog
            onCancel={close}
          />
        </form>
      )}
      {phase.step === 'waiting' && <AuthorizationWait start={phase.start} />}
      {outcome && <AuthorizationResult outcome={outcome} verb="Authorized" />}
      <FormProblem text={problem} />
      {(phase.step === 'waiting' || outcome) && (
        <div className="form-actions">
          {outcome?.token && (
            <button type="button" className="primary" onClick={() => outcome.token && onIssued(outcome.token)}>
              Show the token
            </button>
          )}
          <button type="button" onClick={close}>
            {outcome ? 'Close' : 'Cancel'}
          </button>
        </div>
      )}
    </dialog>
  );
}
