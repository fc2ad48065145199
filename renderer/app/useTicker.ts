import { useEffect, useSyncExternalStore } from 'react';
import { createTicker } from './ticker.js';

/** The window's single ticker. */
export const ticker = createTicker({
  now: () => Date.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (handle) => window.clearTimeout(handle),
});

/** The instant to render countdowns for; re-renders the caller on every tick. */
export function useNow(): number {
  return useSyncExternalStore(ticker.subscribe, ticker.now);
}

/** Keep the countdowns of these expiries fresh while the caller is mounted. */
export function useWatchedExpiries(expiries: readonly (string | null)[]): void {
  const key = expiries.join('|');
  useEffect(() => {
    ticker.watchExpiries(key ? key.split('|').map((e) => e || null) : []);
    return () => ticker.watchExpiries([]);
  }, [key]);
}
