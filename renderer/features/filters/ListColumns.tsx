import type { TokenView } from '../../../shared/model.js';
import { sortNames, type SortKey, type TokenSort } from './sort.js';

interface ListColumnsProps {
  sort: TokenSort;
  onSort(sort: TokenSort): void;
  /** The tokens in view, for the tick-all box. */
  tokens: readonly TokenView[];
  checked: ReadonlySet<string>;
  onCheck(ids: ReadonlySet<string>): void;
}

function SortButton({ k, sort, onSort }: { k: SortKey; sort: TokenSort; onSort(sort: TokenSort): void }) {
  const on = sort.key === k;
  const arrow = on ? (sort.descending ? '▲' : '▼') : '';
  const order =
    k === 'urgency'
      ? sort.descending
        ? 'least urgent first'
        : 'most urgent first'
      : sort.descending
        ? 'descending'
        : 'ascending';
  return (
    <button
      type="button"
      className={`column-sort${on ? ' on' : ''}`}
      aria-pressed={on}
      aria-label={`Sort by ${sortNames[k].toLowerCase()}${on ? ` (now ${order}; press to reverse)` : ''}`}
      onClick={() => onSort(on ? { key: k, descending: !sort.descending } : { key: k, descending: false })}
    >
      {sortNames[k]}
      <span aria-hidden="true" className="sort-arrow">
        {arrow}
      </span>
    </button>
  );
}

/** The list's column heads: tick all, and sort by status (urgency), name, provider, last verified or expiry. */
export function ListColumns({ sort, onSort, tokens, checked, onCheck }: ListColumnsProps) {
  const all = tokens.length > 0 && tokens.every((t) => checked.has(t.id));
  const some = !all && tokens.some((t) => checked.has(t.id));
  return (
    <div className="list-columns" role="group" aria-label="Sort the list">
      <span className="cell-check">
        <input
          type="checkbox"
          aria-label={all ? 'Untick every token shown' : 'Tick every token shown'}
          checked={all}
          ref={(box) => {
            if (box) box.indeterminate = some;
          }}
          onChange={() => onCheck(all ? new Set() : new Set(tokens.map((t) => t.id)))}
        />
      </span>
      <span className="cell-status">
        <SortButton k="urgency" sort={sort} onSort={onSort} />
      </span>
      <span className="cell-main column-pair">
        <SortButton k="label" sort={sort} onSort={onSort} />
        <SortButton k="provider" sort={sort} onSort={onSort} />
      </span>
      <span className="cell-masked column-plain">Value</span>
      <span className="cell-verified">
        <SortButton k="verified" sort={sort} onSort={onSort} />
      </span>
      <span className="cell-expiry">
        <SortButton k="expires" sort={sort} onSort={onSort} />
      </span>
    </div>
  );
}
