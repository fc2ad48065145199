import { severityOrder } from './lifecycle.js';
import type { TokenView } from './model.js';

const rank = (view: TokenView) =>
  view.status === 'healthy' ? severityOrder.length : severityOrder.indexOf(view.status);
const expiry = (view: TokenView) => (view.expiresAt ? Date.parse(view.expiresAt) : Infinity);

/** Most urgent first: worst status, then soonest expiry, then label. */
export function byUrgency(a: TokenView, b: TokenView): number {
  return rank(a) - rank(b) || expiry(a) - expiry(b) || a.label.localeCompare(b.label);
}
