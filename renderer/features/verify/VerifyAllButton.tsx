import { useEffect } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { showToast } from '../toasts/toasts.js';
import { useVerifyAll, type VerifyAllState } from './useVerifyAll.js';
import { useVerifySupport } from './useVerifySupport.js';
import { tallyWords } from './verifyAllTally.js';

interface VerifyAllButtonProps {
  tokens: readonly TokenView[];
  /** Read the list again once every answer is recorded. */
  reload(): Promise<void>;
}

function progressWords(state: Extract<VerifyAllState, { phase: 'running' }>): string {
  return state.total === null ? 'Verifying…' : `Verifying ${state.done} of ${state.total}…`;
}

/** The header's Verify all: progress on the button while it runs, a one-line summary after. */
export function VerifyAllButton({ tokens, reload }: VerifyAllButtonProps) {
  const support = useVerifySupport();
  const { state, verifiable, run, dismiss } = useVerifyAll(tokens, support, reload);
  const running = state.phase === 'running';
  const summary =
    state.phase === 'finished' ? tallyWords(state.tally) : state.phase === 'failed' ? state.message : null;
  const firstFailure = state.phase === 'finished' ? state.tally.firstFailure : null;
  // The header keeps one short line; the whole of it, first failure included, goes in a notice.
  useEffect(() => {
    if (summary && firstFailure) showToast({ text: `${summary}. ${firstFailure}`, tone: 'critical' });
  }, [summary, firstFailure]);
  return (
    <div className="verify-all">
      <span className="verify-all-status" role="status">
        {summary && (
          <>
            <span className={state.phase === 'failed' || firstFailure ? 'tone-text-critical' : undefined}>
              {summary}
            </span>
            {firstFailure && (
              <span className="verify-all-failure" title={firstFailure}>
                {firstFailure}
              </span>
            )}
          </>
        )}
      </span>
      {summary && (
        <button type="button" className="quiet" onClick={dismiss} aria-label="Dismiss the verify-all summary">
          ✕
        </button>
      )}
      <button
        type="button"
        onClick={() => !running && void run()}
        // aria-disabled while running: a disabled button would drop keyboard focus until the end.
        aria-disabled={running || undefined}
        disabled={verifiable === 0}
        title={
          verifiable === 0 ? 'No token here is of a provider Lapse can verify.' : 'Ask every provider about its tokens'
        }
      >
        {running ? (
          progressWords(state)
        ) : (
          <>
            <span aria-hidden="true">⟳ </span>Verify all
          </>
        )}
      </button>
    </div>
  );
}
