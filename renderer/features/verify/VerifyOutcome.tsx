import type { VerifyState } from './useVerifyToken.js';
import { couldNotVerify } from './wording.js';

/** What the last press of Verify found, in a live region so it is announced as it arrives. */
export function VerifyOutcome({ state }: { state: VerifyState }) {
  return (
    <>
      <div className="verify-outcome" role="status">
        {/* The button says "Verifying…"; this says it to a screen reader without a second visible copy. */}
        {state.phase === 'busy' && <p className="visually-hidden">Asking the provider…</p>}
        {state.phase === 'done' && <DoneOutcome result={state.result} />}
      </div>
      {state.phase === 'failed' && (
        <p className="verify-failed" role="alert">
          {state.message}
        </p>
      )}
    </>
  );
}

function DoneOutcome({ result }: { result: Extract<VerifyState, { phase: 'done' }>['result'] }) {
  switch (result.outcome) {
    case 'valid':
      return (
        <div className="verify-learned">
          <p>Verified. What the provider reported:</p>
          {result.learned.length > 0 ? (
            <ul aria-label="Learned">
              {result.learned.map((fact) => (
                <li key={fact}>{fact}</li>
              ))}
            </ul>
          ) : (
            <p>{result.message}</p>
          )}
        </div>
      );
    case 'rejected':
      return <p className="tone-text-critical">{result.message}</p>;
    case 'unreachable':
      return <p className="tone-text-warning">{couldNotVerify(result)}</p>;
  }
}
