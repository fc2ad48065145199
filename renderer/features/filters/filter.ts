import type { ProviderId, TokenStatus, TokenView } from '../../../shared/model.js';
import { inGroup, type TokenGroup } from './groups.js';

/** What the list shows: a group, then narrowed by status, provider, tag and label search. */
export interface TokenFilter {
  group: TokenGroup;
  status: TokenStatus | null;
  provider: ProviderId | null;
  tag: string | null;
  /** Words to find, any case: each must be in the label, a tag, the provider, the account, the purpose, a scope or the kind. */
  query: string;
}

export const noFilter: TokenFilter = { group: 'all', status: null, provider: null, tag: null, query: '' };

/** Whether anything but the whole list is asked for. */
export const narrows = (f: TokenFilter): boolean =>
  f.group !== 'all' || f.status !== null || f.provider !== null || f.tag !== null || f.query.trim() !== '';

/** The text a search looks through: label, tags (#work and work), provider, account, purpose, scopes, kind. */
export function searchText(t: TokenView, providerName: string): string {
  return [
    t.label,
    ...t.tags.map((tag) => `#${tag}`),
    providerName,
    t.provider,
    t.account ?? '',
    t.purpose,
    ...t.scopes,
    ...(t.grantedScopes ?? []),
    t.kind,
  ]
    .join('\n')
    .toLowerCase();
}

/** Every word of the query is somewhere in the token's searchable text. */
export function matchesQuery(t: TokenView, query: string, providerName: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = searchText(t, providerName);
  return words.every((w) => text.includes(w));
}

export function filterTokens(
  tokens: readonly TokenView[],
  f: TokenFilter,
  now: number,
  providerName: (id: ProviderId) => string = (id) => id,
): TokenView[] {
  return tokens.filter(
    (t) =>
      inGroup(t, f.group, now) &&
      (f.status === null || t.status === f.status) &&
      (f.provider === null || t.provider === f.provider) &&
      (f.tag === null || t.tags.includes(f.tag)) &&
      matchesQuery(t, f.query, providerName(t.provider)),
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
  const byName =
    <K>(name: (k: K) => string) =>
    (a: [K, number], b: [K, number]) =>
      name(a[0]).localeCompare(name(b[0]));
  return {
    providers: [...counted(tokens.map((t) => t.provider))].sort(byName(providerName)),
    tags: [...counted(tokens.flatMap((t) => t.tags))].sort(byName((tag: string) => tag)),
    statuses: [...counted(tokens.map((t) => t.status))],
  };
}
