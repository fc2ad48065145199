import type { TokenView } from '../../../shared/model.js';

/** How the list is ordered: by urgency (the service's order, most urgent first) or by a column. */
export type SortKey = 'urgency' | 'label' | 'provider' | 'expires' | 'verified';
export interface TokenSort {
  key: SortKey;
  /** Ascending: A→Z, soonest expiry first, least recently verified first. */
  descending: boolean;
}

export const urgencyFirst: TokenSort = { key: 'urgency', descending: false };

export const sortNames: Record<SortKey, string> = {
  urgency: 'Status',
  label: 'Name',
  provider: 'Provider',
  expires: 'Expires',
  verified: 'Last verified',
};

const byText = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });
// Never and unknown sort after every date (a date is more urgent than none); never verified before any verify.
const expiryMs = (t: TokenView) => (t.expiresAt ? Date.parse(t.expiresAt) : Number.POSITIVE_INFINITY);
const verifiedMs = (t: TokenView) => (t.lastVerifiedAt ? Date.parse(t.lastVerifiedAt) : Number.NEGATIVE_INFINITY);

const compare: Record<
  Exclude<SortKey, 'urgency'>,
  (a: TokenView, b: TokenView, providerName: (t: TokenView) => string) => number
> = {
  label: (a, b) => byText(a.label, b.label),
  provider: (a, b, name) => byText(name(a), name(b)) || byText(a.label, b.label),
  expires: (a, b) => (expiryMs(a) === expiryMs(b) ? byText(a.label, b.label) : expiryMs(a) < expiryMs(b) ? -1 : 1),
  verified: (a, b) =>
    verifiedMs(a) === verifiedMs(b) ? byText(a.label, b.label) : verifiedMs(a) < verifiedMs(b) ? -1 : 1,
};

/** The tokens in the chosen order; urgency keeps the service's order (reversed if asked). Stable for ties. */
export function sortTokens(
  tokens: readonly TokenView[],
  sort: TokenSort,
  providerName: (t: TokenView) => string,
): readonly TokenView[] {
  if (sort.key === 'urgency') return sort.descending ? [...tokens].reverse() : tokens;
  const cmp = compare[sort.key];
  const sorted = [...tokens].sort((a, b) => cmp(a, b, providerName));
  return sort.descending ? sorted.reverse() : sorted;
}
