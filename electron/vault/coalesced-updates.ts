import type { MetadataStore } from './metadata-store.js';
import type { VaultFile } from './vault-file.js';

type Change<T> = (vault: VaultFile) => T;

interface Pending {
  change: Change<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * `store.update`, with the changes that arrive while a write is under way applied together in the
 * next one: a verify-all of hundreds of tokens costs a few locked writes, not one each. Each
 * change still sees the vault as re-read under the lock and runs exactly once. `afterWrite` gets
 * the vault just written, right after the write (see vaultSnapshots).
 */
export function coalescedUpdates(store: MetadataStore, afterWrite?: (vault: VaultFile) => void): <T>(change: Change<T>) => Promise<T> {
  let pending: Pending[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    while (pending.length) {
      const batch = pending;
      pending = [];
      try {
        let written: VaultFile | null = null;
        const outcomes = await store.update((vault) => {
          written = vault;
          return batch.map(({ change }) => {
            try {
              return { ok: true as const, value: change(vault) };
            } catch (error) {
              return { ok: false as const, error };
            }
          });
        });
        if (written) afterWrite?.(written);
        outcomes.forEach((outcome, i) => (outcome.ok ? batch[i]?.resolve(outcome.value) : batch[i]?.reject(outcome.error)));
      } catch (error) {
        for (const { reject } of batch) reject(error);
      }
    }
    writing = false;
  }

  return <T>(change: Change<T>) =>
    new Promise<T>((resolve, reject) => {
      pending.push({ change, resolve: resolve as (value: unknown) => void, reject });
      if (writing) return;
      writing = true;
      // After the current I/O round: every answer that arrived with this one joins the same write.
      setImmediate(() => void drain());
    });
}
