import type { AuthorizationOutcome } from '../../../shared/api.js';

/** How an authorization ended: the verb (`Authorized` or `Reauthorized`, "Not …" on failure), the sentence and its notes. */
export function AuthorizationResult({ outcome, verb }: { outcome: AuthorizationOutcome; verb: string }) {
  return (
    <div className={`authorize-outcome ${outcome.state}`} role="status">
      <p>
        <strong>{outcome.state === 'failed' ? `Not ${verb.toLowerCase()}` : verb}</strong> — {outcome.message}
      </p>
      {outcome.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
    </div>
  );
}
