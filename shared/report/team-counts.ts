import { severityOf } from '../lifecycle.js';
import { statuses, type TokenStatus } from '../model.js';

/** Tokens by the severity of their status (revoked left out), and the healthy ones. */
export function severityCounts(byStatus: Record<TokenStatus, number>): {
  critical: number;
  warning: number;
  info: number;
  healthy: number;
} {
  const out = { critical: 0, warning: 0, info: 0, healthy: byStatus.healthy };
  for (const s of statuses) if (s !== 'healthy' && s !== 'revoked') out[severityOf[s]] += byStatus[s];
  return out;
}
