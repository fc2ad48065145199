import type { PendingRotation } from '../../shared/api.js';
import type { TokenView } from '../../shared/model.js';
import type { Facets, TokenFilter } from '../features/filters/filter.js';
import type { TokenSort } from '../features/filters/sort.js';
import type { Panel } from './panel.js';

/** What the token list shows, as `App` works it out each render. */
export interface TokenListView {
  /** The tokens the filters let through, in the chosen order. */
  visible: readonly TokenView[];
  filter: TokenFilter;
  facets: Facets;
  sort: TokenSort;
  /** The row the arrow keys are on. */
  activeId: string | null;
  /** Tokens ticked for a bulk action (only those still listed). */
  checked: ReadonlySet<string>;
  /** Rotations paused half-way, by token id. */
  pending: ReadonlyMap<string, PendingRotation>;
}

/** Whether the OS keychain can be used: the problem the banner shows, and why Add is off (null: usable). */
export interface KeychainUse {
  problem: string | null;
  addBlockedBy: string | null;
}

/** What a person can do from the list and its panel: `App`'s handlers, handed down as one object. */
export interface WorkspaceActions {
  onFilter(filter: TokenFilter): void;
  onSort(sort: TokenSort): void;
  onClearFilters(): void;
  onActivate(id: string): void;
  onOpen(id: string): void;
  onCheck(ids: ReadonlySet<string>): void;
  onAdd(): void;
  onDiscover(): void;
  /** Offboard the tokens of the list's tag or provider. */
  onOffboard(): void;
  onPanel(panel: Panel): void;
  onSaved(token: TokenView): void;
  onDelete(token: TokenView): void;
  onClose(): void;
}
