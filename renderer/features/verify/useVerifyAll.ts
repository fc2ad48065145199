import { useCallback, useState } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { verifyAll } from '../../../shared/verify-all.js';
import { lapseApi } from '../../api/lapse-api.js';
import type { VerifySupport } from './useVerifySupport.js';
import { tallyOf, type VerifyAllTally } from './verifyAllTally.js';

// Enough to keep every provider busy; each provider's own limit still applies on the service side.
const overallConcurrency = 8;

export type VerifyAllState =
  | { phase: 'idle' }
  | { phase: 'running'; done: number; total: number | null }
  | { phase: 'finished'; tally: VerifyAllTally }
  | { phase: 'failed'; message: string };

/** The header's Verify all: every verifiable token, with progress, then the list read again. */
export function useVerifyAll(tokens: readonly TokenView[], support: VerifySupport, reload: () => Promise<void>) {
  const [state, setState] = useState<VerifyAllState>({ phase: 'idle' });
  // The same choice verifyAll makes, so the count shows before the first answer arrives.
  const verifiable = support ? tokens.filter((t) => !t.revokedAt && support.has(t.provider)).length : null;

  const run = useCallback(async () => {
    setState({ phase: 'running', done: 0, total: verifiable });
    const result = await verifyAll(lapseApi, tokens, {
      concurrency: overallConcurrency,
      onSettled: (_entry, done, total) => setState({ phase: 'running', done, total }),
    });
    await reload();
    setState(
      result.ok
        ? { phase: 'finished', tally: tallyOf(result.value) }
        : { phase: 'failed', message: result.error.message },
    );
  }, [tokens, verifiable, reload]);

  const dismiss = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, verifiable, run, dismiss };
}
