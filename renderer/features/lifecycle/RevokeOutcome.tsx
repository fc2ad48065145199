import type { RevokeResult } from '../../../shared/api.js';

interface RevokeOutcomeProps {
  result: RevokeResult;
  checking: boolean;
  onCheckAgain(): void;
  /** Set where Lapse cannot verify the provider: the person's word replaces a Check again that can never succeed. */
  onConfirmByHand?: () => void;
}

/** What a revocation did: confirmed dead, or still live with the steps to finish it by hand. */
export function RevokeOutcome({ result, checking, onCheckAgain, onConfirmByHand }: RevokeOutcomeProps) {
  const dead = result.state === 'revoked';
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
