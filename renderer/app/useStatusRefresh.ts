import { useEffect, useRef } from 'react';
import type { TokenView } from '../../shared/model.js';
import { laggingExpiry, nextExpiryBoundary } from './expiryBoundary.js';
import { ticker } from './useTicker.js';

// If the service's clock lags the window's, ask again shortly, a few times at most.
const skewRetryMs = 1000;
const skewRetries = 10;

/**
 * When a token crosses into its warning window or past its expiry, ask the service again: status
 * and findings are the service's to judge, so the window does not re-derive them.
 */
export function useStatusRefresh(
  tokens: readonly TokenView[] | null,
  warningDays: number,
  reload: () => Promise<void>,
): void {
  const retries = useRef(0);
  useEffect(() => {
    if (!tokens) return undefined;
    const now = Date.now();
    if (laggingExpiry(tokens, now) && retries.current < skewRetries) {
      retries.current++;
      return ticker.countdownTo(now + skewRetryMs, () => void reload(), false);
    }
    if (!laggingExpiry(tokens, now)) retries.current = 0;
    const next = nextExpiryBoundary(tokens, warningDays, now);
    if (next === Infinity) return undefined;
    return ticker.countdownTo(next + 1, () => void reload(), false);
  }, [tokens, warningDays, reload]);
}
