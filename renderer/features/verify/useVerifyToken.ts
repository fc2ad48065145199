import { useCallback, useEffect, useRef, useState } from 'react';
import type { VerifyResult } from '../../../shared/api.js';
import { lapseApi } from '../../api/lapse-api.js';
import { announceVaultChange } from '../../lib/vaultChanges.js';

export type VerifyState =
  | { phase: 'idle' }
  | { phase: 'busy' }
  | { phase: 'done'; result: VerifyResult }
  /** The call itself failed (keychain locked, no base URL…): the service's message. */
  | { phase: 'failed'; message: string };

/** One token's Verify button: ask its provider, keep the answer, and have the list read again. */
export function useVerifyToken(id: string): { state: VerifyState; verify(): Promise<void> } {
  const [state, setState] = useState<VerifyState>({ phase: 'idle' });
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const verify = useCallback(async () => {
    setState({ phase: 'busy' });
    const result = await lapseApi.verifyToken({ id });
    if (live.current)
      setState(
        result.ok ? { phase: 'done', result: result.value } : { phase: 'failed', message: result.error.message },
      );
    // Even an unreachable answer is recorded (when it was tried), so the list reads again either way.
    if (result.ok) announceVaultChange();
  }, [id]);

  return { state, verify };
}
