import { useId } from 'react';
import type { TokenStatus } from '../../../shared/model.js';
import { providerNames } from '../tokens/providers.js';
import { statusOrder, statusWords } from '../tokens/status.js';
import { narrows, type Facets, type TokenFilter } from './filter.js';
import { groupNames } from './groups.js';

interface ListToolbarProps {
  filter: TokenFilter;
  facets: Facets;
  shown: number;
  total: number;
  onFilter(filter: TokenFilter): void;
  onClear(): void;
  /** Offboard the tokens of the chosen tag or provider. */
  onOffboard(): void;
}

/** Above the list: the status filter, how many tokens show, and what narrows them (each removable). */
export function ListToolbar({ filter, facets, shown, total, onFilter, onClear, onOffboard }: ListToolbarProps) {
  const id = useId();
  const statusCounts = new Map(facets.statuses);
  const chips: { key: string; words: string; clear: Partial<TokenFilter> }[] = [];
  if (filter.group !== 'all') chips.push({ key: 'group', words: groupNames[filter.group], clear: { group: 'all' } });
  if (filter.provider)
    chips.push({ key: 'provider', words: providerNames[filter.provider], clear: { provider: null } });
  if (filter.tag) chips.push({ key: 'tag', words: `#${filter.tag}`, clear: { tag: null } });

  return (
    <div className="list-toolbar">
      <div className="inline-field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={filter.status ?? ''}
          onChange={(e) => onFilter({ ...filter, status: (e.target.value || null) as TokenStatus | null })}
        >
          <option value="">Any status</option>
          {statusOrder
            .filter((s) => statusCounts.has(s) || s === filter.status)
            .map((s) => (
              <option key={s} value={s}>
                {statusWords[s]} ({statusCounts.get(s) ?? 0})
              </option>
            ))}
        </select>
      </div>
      {chips.map((chip) => (
        <button
          key={chip.key}
          type="button"
          className="chip"
          onClick={() => onFilter({ ...filter, ...chip.clear })}
          aria-label={`Stop filtering by ${chip.words}`}
        >
          {chip.words}
          <span aria-hidden="true"> ✕</span>
        </button>
      ))}
      <p className="list-count" role="status">
        {shown === total ? `${total} token${total === 1 ? '' : 's'}` : `${shown} of ${total} tokens`}
      </p>
      {narrows(filter) && (
        <button type="button" className="quiet" onClick={onClear}>
          Clear filters
        </button>
      )}
      {(filter.tag !== null || filter.provider !== null) && (
        <button type="button" className="danger" onClick={onOffboard}>
          Offboard these…
        </button>
      )}
    </div>
  );
}
