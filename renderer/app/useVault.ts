import { useCallback, useState } from 'react';
import type { ApiOutput } from '../../shared/api.js';
import type { TokenView } from '../../shared/model.js';
import type { Result } from '../../shared/result.js';
import { lapseApi } from '../api/lapse-api.js';
import { useAnswerEffect } from '../lib/useAnswerEffect.js';

export type VaultState = ApiOutput<'getVaultState'>;
export type PolicyState = ApiOutput<'getPolicy'>;

export interface Vault {
  /** Null until the first answer. */
  state: VaultState | null;
  /** Null until the list was read once; most urgent first, as the service sorts them. */
  tokens: TokenView[] | null;
  /** The policy every token is judged by; null until read. */
  policy: PolicyState | null;
  /** Why the vault or the list could not be read (not the keychain: that is `state.keychain`). */
  error: string | null;
  /** Ask the service again: keychain state, the list and the policy. */
  reload(): Promise<void>;
}

type Answers = [Result<VaultState>, Result<ApiOutput<'listTokens'>>, Result<PolicyState>];

const ask = (): Promise<Answers> =>
  Promise.all([lapseApi.getVaultState({}), lapseApi.listTokens({}), lapseApi.getPolicy({})]);

/** The keychain state, the token list and the policy, read together on load and after every change. */
export function useVault(): Vault {
  const [state, setState] = useState<VaultState | null>(null);
  const [tokens, setTokens] = useState<TokenView[] | null>(null);
  const [policy, setPolicy] = useState<PolicyState | null>(null);
  const [error, setError] = useState<string | null>(null);

  const apply = useCallback(([vault, list, rules]: Answers) => {
    if (vault.ok) setState(vault.value);
    if (list.ok) setTokens(list.value.tokens);
    if (rules.ok) setPolicy(rules.value);
    const failed = [list, vault, rules].find((r) => !r.ok);
    setError(failed && !failed.ok ? failed.error.message : null);
  }, []);

  const reload = useCallback(() => ask().then(apply), [apply]);

  useAnswerEffect(ask, [], apply);

  return { state, tokens, policy, error, reload };
}
