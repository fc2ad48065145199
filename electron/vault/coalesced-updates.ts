import { setTimeout as sleep } from 'node:timers/promises';
import type { MetadataStore } from './metadata-store.js';
import type { VaultFile } from './vault-file.js';

type Change<T> = (vault: VaultFile) => T;

interface Pending {
  change: Change<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface CoalescingOptions {
  /** Gets the vault just written, right after its write returned (see vaultSnapshots). */
  afterWrite?: (vault: VaultFile) => void;
  /** Least time from one write's start to the next: changes arriving meanwhile share the next write. */
  spacingMs?: number;
}

/**
 * `store.update`, with changes that arrive close together applied in one write: a verify-all of
 * hundreds of tokens costs a few dozen locked writes, not one each, while a lone change is written
 * at once. Each change still sees the vault as re-read under the lock and runs exactly once.
 */
export function coalescedUpdates(
  store: MetadataStore,
  options: CoalescingOptions = {},
): <T>(change: Change<T>) => Promise<T> {
  const spacingMs = options.spacingMs ?? 100;
  let pending: Pending[] = [];
  let writing = false;
  let lastStart = -Infinity;

  async function writeBatch(batch: Pending[]): Promise<void> {
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
      if (written) options.afterWrite?.(written);
      outcomes.forEach((outcome, i) =>
        outcome.ok ? batch[i]?.resolve(outcome.value) : batch[i]?.reject(outcome.error),
      );
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }

  async function drain(): Promise<void> {
    while (pending.length) {
      // After the current I/O round at least, so every answer that arrived with this one joins it.
      await sleep(Math.max(0, lastStart + spacingMs - performance.now()));
      lastStart = performance.now();
      const batch = pending;
      pending = [];
      await writeBatch(batch);
    }
    writing = false;
  }

  return <T>(change: Change<T>) =>
    new Promise<T>((resolve, reject) => {
      pending.push({ change, resolve: resolve as (value: unknown) => void, reject });
      if (writing) return;
      writing = true;
      void drain();
    });
}
