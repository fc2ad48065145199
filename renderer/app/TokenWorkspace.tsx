import type { PendingRotation } from '../../shared/api.js';
import type { TokenView } from '../../shared/model.js';
import type { Facets, TokenFilter } from '../features/filters/filter.js';
import { ListColumns } from '../features/filters/ListColumns.js';
import { ListToolbar } from '../features/filters/ListToolbar.js';
import type { TokenSort } from '../features/filters/sort.js';
import { BulkBar } from '../features/tokens/BulkBar.js';
import { EmptyState } from '../features/vault/EmptyState.js';
import { ListArea } from './ListArea.js';
import type { Panel } from './panel.js';
import { SidePanel } from './SidePanel.js';
import type { Vault } from './useVault.js';

interface TokenWorkspaceProps {
  vault: Vault;
  visible: readonly TokenView[];
  filter: TokenFilter;
  facets: Facets;
  sort: TokenSort;
  panel: Panel;
  activeId: string | null;
  checked: ReadonlySet<string>;
  pending: ReadonlyMap<string, PendingRotation>;
  keychainProblem: string | null;
  addBlockedBy: string | null;
  onFilter(filter: TokenFilter): void;
  onSort(sort: TokenSort): void;
  onClearFilters(): void;
  onActivate(id: string): void;
  onOpen(id: string): void;
  onCheck(ids: ReadonlySet<string>): void;
  onAdd(): void;
  onDiscover?(): void;
  /** Offboard the tokens of the list's tag or provider. */
  onOffboard(): void;
  onPanel(panel: Panel): void;
  onSaved(token: TokenView): void;
  onDelete(token: TokenView): void;
  onClose(): void;
}

/** The home view: the filtered list on the left, the open token (or the add form) on the right. */
export function TokenWorkspace(props: TokenWorkspaceProps) {
  const { vault, visible, filter, panel, keychainProblem, checked } = props;
  const tokens = vault.tokens ?? [];
  const empty = vault.tokens !== null && tokens.length === 0 && vault.error === null;
  const ticked = tokens.filter((t) => checked.has(t.id));
  const paused = new Set(props.pending.keys());
  const panelOpen = panel.kind !== 'none';
  return (
    <>
      <section
        className={`list-pane${empty && !panelOpen ? ' list-pane-wide' : ''}${panelOpen ? ' with-panel' : ''}`}
        aria-label="Token list"
      >
        {empty ? (
          <EmptyState addBlockedBy={props.addBlockedBy} onAdd={props.onAdd} onDiscover={props.onDiscover} />
        ) : (
          <>
            {vault.tokens !== null && (
              <ListToolbar
                filter={filter}
                facets={props.facets}
                shown={visible.length}
                total={tokens.length}
                onFilter={props.onFilter}
                onClear={props.onClearFilters}
                onOffboard={props.onOffboard}
              />
            )}
            {ticked.length > 0 && (
              <BulkBar
                tokens={ticked}
                keychainUsable={keychainProblem === null}
                onClear={() => props.onCheck(new Set())}
                onChanged={vault.reload}
              />
            )}
            {visible.length > 0 && (
              <ListColumns
                sort={props.sort}
                onSort={props.onSort}
                tokens={visible}
                checked={checked}
                onCheck={props.onCheck}
              />
            )}
            <ListArea
              vault={vault}
              tokens={visible}
              query={filter.query}
              activeId={props.activeId}
              openId={panel.kind === 'none' || panel.kind === 'add' ? null : panel.id}
              checked={checked}
              paused={paused}
              onActivate={props.onActivate}
              onOpen={props.onOpen}
              onCheck={props.onCheck}
              onClearFilters={props.onClearFilters}
            />
          </>
        )}
      </section>
      {!(empty && !panelOpen) && (
        <section
          className={`detail-pane${panelOpen ? ' open' : ''}`}
          aria-label={panel.kind === 'add' ? 'Add a token' : 'Token details'}
        >
          <SidePanel
            panel={panel}
            tokens={tokens}
            pending={props.pending}
            keychainProblem={keychainProblem}
            onPanel={props.onPanel}
            onSaved={props.onSaved}
            onDelete={props.onDelete}
            onClose={props.onClose}
          />
        </section>
      )}
    </>
  );
}
