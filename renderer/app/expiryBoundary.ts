import type { TokenView } from '../../shared/model.js';

const day = 86_400_000;

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

/** Whether the window has seen a token's expiry pass that the service has not judged expired yet (its clock lags). */
export const laggingExpiry = (tokens: readonly TokenView[], now: number): boolean =>
  tokens.some(
    (t) =>
      t.expiresAt &&
      Date.parse(t.expiresAt) <= now &&
      t.status !== 'revoked' &&
      !t.findings.some((f) => f.code === 'expired'),
  );
