import type { RotationResult } from '../../../shared/api.js';
import { shortDate } from '../tokens/dates.js';

// The service's message says what happened; these only flag the states that still need the person.
const stateWords: Record<RotationResult['state'], string | null> = {
  finished: null,
  'revocation-pending': 'Old token still live.',
  reauthorize: 'Authorize again.',
  guided: 'Create the replacement by hand.',
  pending: 'Paused — nothing replaced yet: the new value is kept aside, the current one still works.',
};

/** What a rotation ended with and what was checked about the new value. */
export function RotationOutcome({ result }: { result: RotationResult }) {
  const { token } = result;
  return (
    <div className="rotate-outcome" role="status">
      <p>
        {stateWords[result.state] && <strong>{stateWords[result.state]} </strong>}
        {result.message}
      </p>
      <dl className="rotate-checks" aria-label="What was checked">
        <dt>Account</dt>
        <dd>{token.account ?? 'not reported'}</dd>
        <dt>Scopes</dt>
        <dd>{(token.grantedScopes ?? token.scopes).join(', ') || 'none reported'}</dd>
        <dt>Expires</dt>
        <dd>{token.expiresAt ? shortDate(token.expiresAt) : 'never'}</dd>
        <dt>Value</dt>
        <dd>{token.masked}</dd>
      </dl>
      {result.warnings.length > 0 && (
        <ul className="rotate-warnings" aria-label="Warnings">
          {result.warnings.map((w) => (
            <li key={`${w.code}-${w.message}`}>
              <strong>{w.code}</strong>: {w.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
