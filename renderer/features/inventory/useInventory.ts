import { useCallback, useState } from 'react';
import type { InventoryAccount, InventoryRevokeResult } from '../../../shared/api.js';
import { lapseApi } from '../../api/lapse-api.js';
import { announceVaultChange } from '../../lib/vaultChanges.js';

/** A revocation's answer, kept on its account's card until the next one. */
export interface InventoryOutcome {
  group: string;
  ref: string;
  name: string;
  result: InventoryRevokeResult;
}

export interface Inventory {
  /** Null until the person asks: reading the lists calls each provider with one of Lapse's tokens. */
  accounts: InventoryAccount[] | null;
  loading: boolean;
  error: string | null;
  outcome: InventoryOutcome | null;
  read(): Promise<void>;
  /** Revoke one entry (with the one-time code when the provider asked for one); answers the service's message when it failed. */
  revoke(account: InventoryAccount, ref: string, name: string, otp?: string): Promise<string | null>;
  dismiss(): void;
}

const transportProblem = 'Lapse is not answering. Start Lapse again and read the lists again.';

/** The accounts' own token lists, read on demand; a revocation relists its account. */
export function useInventory(): Inventory {
  const [accounts, setAccounts] = useState<InventoryAccount[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<InventoryOutcome | null>(null);

  const read = useCallback(async () => {
    setLoading(true);
    setOutcome(null);
    const answer = await lapseApi.listInventory({}).catch(() => null);
    setLoading(false);
    if (!answer) return setError(transportProblem);
    if (!answer.ok) return setError(answer.error.message);
    setError(null);
    setAccounts(answer.value.accounts);
    // Verifying tokens without an account (and GitLab's last use from the list) may have changed records.
    announceVaultChange();
  }, []);

  const revoke = useCallback(async (account: InventoryAccount, ref: string, name: string, otp?: string) => {
    const answer = await lapseApi
      .revokeInventoryToken({ group: account.group, ref, ...(otp ? { otp } : {}) })
      .catch(() => null);
    if (!answer) return transportProblem;
    if (!answer.ok) return answer.error.message;
    setOutcome({ group: account.group, ref, name, result: answer.value });
    if (answer.value.state === 'revoked') {
      const again = await lapseApi
        .listInventory({ provider: account.provider, ...(account.account ? { account: account.account } : {}) })
        .catch(() => null);
      const fresh = again?.ok ? again.value.accounts.find((a) => a.group === account.group) : undefined;
      if (fresh) setAccounts((all) => all?.map((a) => (a.group === account.group ? fresh : a)) ?? all);
    }
    return null;
  }, []);

  return { accounts, loading, error, outcome, read, revoke, dismiss: () => setOutcome(null) };
}
