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

const minute = 60_000;
const currentMinute = () => Math.floor(ticker.now() / minute) * minute;

/**
 * The ticker's instant rounded down to the minute: for whole-list judgements ("expiring this
 * week") that need not re-render the list on every second a countdown ticks.
 */
export function useMinute(): number {
  return useSyncExternalStore(ticker.subscribe, currentMinute);
}

/** Keep the countdown of this expiry fresh while the caller is mounted. */
export function useWatchedExpiry(expiresAt: string | null): void {
  useEffect(() => (expiresAt ? ticker.watchExpiry(expiresAt) : undefined), [expiresAt]);
}
