import { TokenList } from '../features/tokens/TokenList.js';
import { LoadProblem } from '../features/vault/LoadProblem.js';
import type { Vault } from './useVault.js';
import type { TokenListView, WorkspaceActions } from './workspace.js';

interface ListAreaProps {
  vault: Vault;
  list: TokenListView;
  /** The token open in the detail panel. */
  openId: string | null;
  actions: Pick<WorkspaceActions, 'onActivate' | 'onOpen' | 'onCheck' | 'onClearFilters'>;
}

/** The list, or what stands in for it: loading, a read error, nothing matching the filters. */
export function ListArea({ vault, list, openId, actions }: ListAreaProps) {
  const { visible: tokens } = list;
  const query = list.filter.query.trim();
  return (
    <>
      {vault.error && <LoadProblem message={vault.error} onRetry={vault.reload} />}
      {vault.tokens === null && !vault.error && (
        <p className="placeholder" role="status">
          Loading tokens…
        </p>
      )}
      {vault.tokens !== null && tokens.length === 0 && (
        <div className="placeholder" role="status">
          <p>
            {query ? (
              <>No token here matches &ldquo;{query}&rdquo; in its label, tags, provider, account, purpose or scopes.</>
            ) : (
              'No token matches these filters.'
            )}
          </p>
          <button type="button" onClick={actions.onClearFilters}>
            Clear filters
          </button>
        </div>
      )}
      {tokens.length > 0 && (
        <TokenList
          tokens={tokens}
          activeId={list.activeId}
          openId={openId}
          checked={list.checked}
          paused={new Set(list.pending.keys())}
          onActivate={actions.onActivate}
          onOpen={actions.onOpen}
          onCheck={actions.onCheck}
        />
      )}
    </>
  );
}
