import type { ProviderId, TokenStatus, TokenView } from '../../../shared/model.js';
import { inGroup, type TokenGroup } from './groups.js';

/** What the list shows: a group, then narrowed by status, provider, tag and label search. */
export interface TokenFilter {
  group: TokenGroup;
  status: TokenStatus | null;
  provider: ProviderId | null;
  tag: string | null;
  /** Part of the label, any case. */
  query: string;
}

export const noFilter: TokenFilter = { group: 'all', status: null, provider: null, tag: null, query: '' };

/** Whether anything but the whole list is asked for. */
export const narrows = (f: TokenFilter): boolean =>
  f.group !== 'all' || f.status !== null || f.provider !== null || f.tag !== null || f.query.trim() !== '';

export function filterTokens(tokens: readonly TokenView[], f: TokenFilter, now: number): TokenView[] {
  const q = f.query.trim().toLowerCase();
  return tokens.filter(
    (t) =>
      inGroup(t, f.group, now) &&
      (f.status === null || t.status === f.status) &&
      (f.provider === null || t.provider === f.provider) &&
      (f.tag === null || t.tags.includes(f.tag)) &&
      (q === '' || t.label.toLowerCase().includes(q)),
  );
}

/** The providers, tags and statuses the vault holds, with how many tokens each, for the filter choices. */
export interface Facets {
  providers: [ProviderId, number][];
  tags: [string, number][];
  statuses: [TokenStatus, number][];
}

const counted = <K>(keys: Iterable<K>): Map<K, number> => {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
};

export function facetsOf(tokens: readonly TokenView[], providerName: (id: ProviderId) => string): Facets {
  const byName = <K>(name: (k: K) => string) => (a: [K, number], b: [K, number]) => name(a[0]).localeCompare(name(b[0]));
  return {
    providers: [...counted(tokens.map((t) => t.provider))].sort(byName(providerName)),
    tags: [...counted(tokens.flatMap((t) => t.tags))].sort(byName((tag: string) => tag)),
    statuses: [...counted(tokens.map((t) => t.status))],
  };
}
