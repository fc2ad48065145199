import type { TokenView } from '../../shared/model.js';
import type { Facets, TokenFilter } from '../features/filters/filter.js';
import { ListToolbar } from '../features/filters/ListToolbar.js';
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
  panel: Panel;
  activeId: string | null;
  keychainProblem: string | null;
  addBlockedBy: string | null;
  onFilter(filter: TokenFilter): void;
  onClearFilters(): void;
  onActivate(id: string): void;
  onOpen(id: string): void;
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
  const { vault, visible, filter, panel, keychainProblem } = props;
  const tokens = vault.tokens ?? [];
  const empty = vault.tokens !== null && tokens.length === 0 && vault.error === null;
  return (
    <>
      <section className={`list-pane${empty && panel.kind === 'none' ? ' list-pane-wide' : ''}`} aria-label="Token list">
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
            <ListArea
              vault={vault}
              tokens={visible}
              query={filter.query}
              activeId={props.activeId}
              openId={panel.kind === 'none' || panel.kind === 'add' ? null : panel.id}
              onActivate={props.onActivate}
              onOpen={props.onOpen}
              onClearFilters={props.onClearFilters}
            />
          </>
        )}
      </section>
      {!(empty && panel.kind === 'none') && (
        <section className="detail-pane" aria-label={panel.kind === 'add' ? 'Add a token' : 'Token details'}>
          <SidePanel
            panel={panel}
            tokens={tokens}
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
