import { useCallback, useState } from 'react';
import type { OAuthCredentialState, SetOAuthCredentialsInput } from '../../../shared/api.js';
import { lapseApi } from '../../api/lapse-api.js';
import { useAnswerEffect } from '../../lib/useAnswerEffect.js';

export type OAuthChange = Omit<SetOAuthCredentialsInput, 'id'>;

export interface OAuthStateHook {
  /** What the keychain holds beside the token; null until read. */
  state: OAuthCredentialState | null;
  /** Why reading or the last change failed, in the service's words. */
  problem: string | null;
  busy: boolean;
  /** Store or forget companions; resolves true when the service took the change. */
  change(change: OAuthChange): Promise<boolean>;
}

/** A token's OAuth companions in the keychain: whether each is stored (never the secrets), and changing them. */
export function useOAuthState(id: string): OAuthStateHook {
  const [state, setState] = useState<OAuthCredentialState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useAnswerEffect(
    () => lapseApi.getOAuthCredentialState({ id }),
    [id],
    (result) => {
      if (result.ok) setState(result.value);
      else setProblem(result.error.message);
    },
  );

  const change = useCallback(
    async (next: OAuthChange) => {
      setBusy(true);
      const result = await lapseApi.setOAuthCredentials({ id, ...next });
      setBusy(false);
      if (!result.ok) {
        setProblem(result.error.message);
        return false;
      }
      setState(result.value);
      setProblem(null);
      return true;
    },
    [id],
  );

  return { state, problem, busy, change };
}
