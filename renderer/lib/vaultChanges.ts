import { useEffect, useRef } from 'react';

// The detail panel's Verify changes a token's record; the window reads the list again without
// every panel between the button and useVault passing a callback down.
const listeners = new Set<() => void>();

/** Say that a call changed tokens in the vault (a verification recorded its answer). */
export function announceVaultChange(): void {
  for (const listener of [...listeners]) listener();
}

/** Call `reload` whenever a feature announces a change to the vault. */
export function useVaultChanges(reload: () => unknown): void {
  const latest = useRef(reload);
  useEffect(() => {
    latest.current = reload;
  });
  useEffect(() => {
    const listener = () => void latest.current();
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
}
