import { useCallback, useState } from 'react';
import type { RevokeResult } from '../../../shared/api.js';
import { lapseApi } from '../../api/lapse-api.js';
import { announceVaultChange } from '../../lib/vaultChanges.js';

export interface Revocation {
  result: RevokeResult | null;
  checking: boolean;
  /** The service's message when the last call failed. */
  problem: string | null;
  /** Revoke; answers the service's message when the call failed, else null. `otp`: the one-time code the provider asked for. */
  revoke(otp?: string): Promise<string | null>;
  checkAgain(): Promise<void>;
  /** Record the person's word that they revoked it at the provider; answers the service's message when refused, else null. */
  confirmByHand(): Promise<string | null>;
}

/** One token's revocation: ask, keep what the service said, and have the list read again. */
export function useRevocation(id: string): Revocation {
  const [result, setResult] = useState<RevokeResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const revoke = useCallback(
    async (otp?: string) => {
      const answer = await lapseApi.revokeToken(otp ? { id, otp } : { id });
      if (!answer.ok) return answer.error.message;
      setResult(answer.value);
      setProblem(null);
      announceVaultChange();
      return null;
    },
    [id],
  );

  const checkAgain = useCallback(async () => {
    setChecking(true);
    const answer = await lapseApi.confirmRevocation({ id });
    setChecking(false);
    if (answer.ok) {
      setResult(answer.value);
      setProblem(null);
      announceVaultChange();
    } else setProblem(answer.error.message);
  }, [id]);

  const confirmByHand = useCallback(async () => {
    const answer = await lapseApi.confirmRevocation({ id, byHand: true });
    if (!answer.ok) return answer.error.message;
    setResult(answer.value);
    setProblem(null);
    announceVaultChange();
    return null;
  }, [id]);

  return { result, checking, problem, revoke, checkAgain, confirmByHand };
}
