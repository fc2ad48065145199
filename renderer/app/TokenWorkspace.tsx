import { ListColumns } from '../features/filters/ListColumns.js';
import { ListToolbar } from '../features/filters/ListToolbar.js';
import { BulkBar } from '../features/tokens/BulkBar.js';
import { EmptyState } from '../features/vault/EmptyState.js';
import { ListArea } from './ListArea.js';
import type { Panel } from './panel.js';
import { SidePanel } from './SidePanel.js';
import type { Vault } from './useVault.js';
import type { KeychainUse, TokenListView, WorkspaceActions } from './workspace.js';

interface TokenWorkspaceProps {
  vault: Vault;
  list: TokenListView;
  panel: Panel;
  keychain: KeychainUse;
  actions: WorkspaceActions;
}

/** The home view: the filtered list on the left, the open token (or the add form) on the right. */
export function TokenWorkspace({ vault, list, panel, keychain, actions }: TokenWorkspaceProps) {
  const { visible, filter, checked } = list;
  const tokens = vault.tokens ?? [];
  const empty = vault.tokens !== null && tokens.length === 0 && vault.error === null;
  const ticked = tokens.filter((t) => checked.has(t.id));
  const panelOpen = panel.kind !== 'none';
  return (
    <>
      <section
        className={`list-pane${empty && !panelOpen ? ' list-pane-wide' : ''}${panelOpen ? ' with-panel' : ''}`}
        aria-label="Token list"
      >
        {empty ? (
          <EmptyState addBlockedBy={keychain.addBlockedBy} onAdd={actions.onAdd} onDiscover={actions.onDiscover} />
        ) : (
          <>
            {vault.tokens !== null && (
              <ListToolbar
                filter={filter}
                facets={list.facets}
                shown={visible.length}
                total={tokens.length}
                onFilter={actions.onFilter}
                onClear={actions.onClearFilters}
                onOffboard={actions.onOffboard}
              />
            )}
            {ticked.length > 0 && (
              <BulkBar
                tokens={ticked}
                keychainUsable={keychain.problem === null}
                onClear={() => actions.onCheck(new Set())}
                onChanged={vault.reload}
              />
            )}
            {visible.length > 0 && (
              <ListColumns
                sort={list.sort}
                onSort={actions.onSort}
                tokens={visible}
                checked={checked}
                onCheck={actions.onCheck}
              />
            )}
            <ListArea
              vault={vault}
              list={list}
              openId={panel.kind === 'none' || panel.kind === 'add' ? null : panel.id}
              actions={actions}
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
            pending={list.pending}
            keychainProblem={keychain.problem}
            actions={actions}
          />
        </section>
      )}
    </>
  );
}
