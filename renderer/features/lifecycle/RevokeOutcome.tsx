import { useId, useState, type FormEvent } from 'react';
import type { RevokeResult } from '../../../shared/api.js';
import { FormProblem } from '../../lib/FormProblem.js';

interface RevokeOutcomeProps {
  result: RevokeResult;
  checking: boolean;
  onCheckAgain(): void;
  /** The provider asked for a one-time code (npm with two-factor auth for writes): revoke again with it; answers the service's message when that failed. */
  onRevokeWithCode(code: string): Promise<string | null>;
  /** Set where Lapse cannot verify the provider: the person's word replaces a Check again that can never succeed. */
  onConfirmByHand?: () => void;
}

/** What a revocation did: confirmed dead, or still live with the steps to finish it by hand. */
export function RevokeOutcome({
  result,
  checking,
  onCheckAgain,
  onRevokeWithCode,
  onConfirmByHand,
}: RevokeOutcomeProps) {
  const dead = result.state === 'revoked';
  if (result.needsOtp) return <OneTimeCode message={result.message} onSubmit={onRevokeWithCode} />;
  return (
    <div className={`revoke-outcome ${dead ? 'revoke-dead' : 'revoke-pending'}`} role="status">
      <p className="revoke-state">
        {!dead && <strong>Revocation pending — old token still live. </strong>}
        {result.message}
      </p>
      {result.instructions.length > 0 && (
        <ol className="revoke-steps" aria-label="Steps to revoke it by hand">
          {result.instructions.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      )}
      {result.link && (
        <p>
          <a href={result.link} target="_blank" rel="noopener noreferrer">
            Open the provider&apos;s token page
          </a>
        </p>
      )}
      {!dead && onConfirmByHand && (
        <button type="button" onClick={onConfirmByHand}>
          I revoked it at the provider
        </button>
      )}
      {!dead && !onConfirmByHand && (
        <button type="button" onClick={() => !checking && onCheckAgain()} aria-disabled={checking || undefined}>
          {checking ? 'Checking…' : 'Check again'}
        </button>
      )}
    </div>
  );
}

/** The provider wants a code from the person's authenticator before it deletes the token: ask for it, nothing else. */
export function OneTimeCode({
  message,
  onSubmit,
}: {
  message: string;
  onSubmit(code: string): Promise<string | null>;
}) {
  const id = useId();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !code.trim()) return;
    setBusy(true);
    setProblem(await onSubmit(code.trim()));
    setBusy(false);
    setCode('');
  };
  return (
    <form
      className="revoke-outcome revoke-pending revoke-otp"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-said`}
    >
      <p id={`${id}-said`} className="revoke-state" role="status">
        <strong>Nothing revoked yet — a one-time code is needed. </strong>
        {message}
      </p>
      <label htmlFor={`${id}-code`}>One-time code</label>
      <input
        id={`${id}-code`}
        inputMode="numeric"
        autoComplete="one-time-code"
        spellCheck={false}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        pattern="[A-Za-z0-9\-]{4,64}"
        required
      />
      <FormProblem text={problem} />
      <button type="submit" className="danger" aria-disabled={busy || undefined}>
        {busy ? 'Revoking…' : 'Revoke with this code'}
      </button>
    </form>
  );
}
