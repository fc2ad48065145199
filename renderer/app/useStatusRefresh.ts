import { useEffect, useRef } from 'react';
import type { TokenView } from '../../shared/model.js';
import { ticker } from './useTicker.js';

const day = 86_400_000;
// If the service's clock lags the window's, ask again shortly, a few times at most.
const skewRetryMs = 1000;
const skewRetries = 10;

/** The next instant after `now` at which a token's expiry findings change: it enters the warning window, or expires. */
export function nextExpiryBoundary(tokens: readonly TokenView[], warningDays: number, now: number): number {
  let next = Infinity;
  for (const t of tokens) {
    if (!t.expiresAt || t.status === 'revoked') continue;
    const expiresAt = Date.parse(t.expiresAt);
    const warnFrom = expiresAt - (t.policy?.warningDays ?? warningDays) * day;
    for (const at of [warnFrom, expiresAt]) if (at > now && at < next) next = at;
  }
  return next;
}

/** Tokens whose expiry the window has seen pass but the service has not judged expired yet. */
const lagging = (tokens: readonly TokenView[], now: number) =>
  tokens.some(
    (t) => t.expiresAt && Date.parse(t.expiresAt) <= now && t.status !== 'revoked' && !t.findings.some((f) => f.code === 'expired'),
  );

/**
 * When a token crosses into its warning window or past its expiry, ask the service again: status
 * and findings are the service's to judge, so the window does not re-derive them.
 */
export function useStatusRefresh(tokens: readonly TokenView[] | null, warningDays: number, reload: () => Promise<void>): void {
  const retries = useRef(0);
  useEffect(() => {
    if (!tokens) return undefined;
    const now = Date.now();
    if (lagging(tokens, now) && retries.current < skewRetries) {
      retries.current++;
      return ticker.countdownTo(now + skewRetryMs, () => void reload(), false);
    }
    if (!lagging(tokens, now)) retries.current = 0;
    const next = nextExpiryBoundary(tokens, warningDays, now);
    if (next === Infinity) return undefined;
    return ticker.countdownTo(next + 1, () => void reload(), false);
  }, [tokens, warningDays, reload]);
}
