import { useEffect } from 'react';
import type { TokenView } from '../../shared/model.js';
import { ticker } from './useTicker.js';

/**
 * When the next expiry passes, ask the service again: the status and findings (expiring → expired)
 * are the service's to judge, so the window does not re-derive them.
 */
export function useStatusRefresh(tokens: readonly TokenView[] | null, reload: () => Promise<void>): void {
  useEffect(() => {
    const now = Date.now();
    const next = Math.min(
      ...(tokens ?? []).map((t) => (t.expiresAt ? Date.parse(t.expiresAt) : Infinity)).filter((at) => at > now),
    );
    if (next === Infinity) return undefined;
    return ticker.countdownTo(next + 1, () => void reload(), false);
  }, [tokens, reload]);
}
