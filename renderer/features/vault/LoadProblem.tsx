import { useState } from 'react';

/** The list could not be read at all (the service is not answering, or the store failed). */
export function LoadProblem({ message, onRetry }: { message: string; onRetry(): Promise<void> }) {
  const [checking, setChecking] = useState(false);
  return (
    <div className="banner banner-critical" role="alert">
      <div className="banner-text">
        <h2>Lapse could not read your tokens</h2>
        <p>{message}</p>
      </div>
      <button
        type="button"
        disabled={checking}
        onClick={() => {
          setChecking(true);
          void onRetry().finally(() => setChecking(false));
        }}
      >
        {checking ? 'Checking…' : 'Retry'}
      </button>
    </div>
  );
}
