import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuthorizationOutcome, AuthorizationStart, StartAuthorizationInput } from '../../../shared/api.js';
import { lapseApi } from '../../api/lapse-api.js';
import { announceVaultChange } from '../../lib/vaultChanges.js';

export type AuthorizationPhase =
  | { step: 'idle' }
  | { step: 'starting' }
  | { step: 'waiting'; start: AuthorizationStart }
  | { step: 'done'; outcome: AuthorizationOutcome };

/**
 * One authorization from the window: start it, open the issuer's page in a new tab (the browser
 * shell) or the system browser (the desktop app routes window.open there), and wait for the outcome,
 * asking the service again every 25 s until it settles. Leaving the dialog cancels it.
 */
export function useAuthorization() {
  const [phase, setPhase] = useState<AuthorizationPhase>({ step: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);
  const flow = useRef<string | null>(null);

  useEffect(
    () => () => {
      const id = flow.current;
      if (id) void lapseApi.cancelAuthorization({ flowId: id });
    },
    [],
  );

  const begin = useCallback(async (input: StartAuthorizationInput) => {
    setProblem(null);
    setPhase({ step: 'starting' });
    const started = await lapseApi.startAuthorization(input);
    if (!started.ok) {
      setProblem(started.error.message);
      setPhase({ step: 'idle' });
      return;
    }
    const start = started.value;
    flow.current = start.flowId;
    if (start.authorizationUrl) window.open(start.authorizationUrl, '_blank', 'noopener,noreferrer');
    setPhase({ step: 'waiting', start });
    for (;;) {
      const answer = await lapseApi.finishAuthorization({ flowId: start.flowId, waitMs: 25_000 });
      if (flow.current !== start.flowId) return;
      if (!answer.ok) {
        flow.current = null;
        setProblem(answer.error.message);
        setPhase({ step: 'idle' });
        return;
      }
      if (answer.value.state !== 'waiting') {
        flow.current = null;
        if (answer.value.token) announceVaultChange();
        setPhase({ step: 'done', outcome: answer.value });
        return;
      }
    }
  }, []);

  const cancel = useCallback(() => {
    const id = flow.current;
    flow.current = null;
    if (id) void lapseApi.cancelAuthorization({ flowId: id });
    setPhase({ step: 'idle' });
  }, []);

  return { phase, problem, begin, cancel };
}
