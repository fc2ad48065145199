import type { TokenView } from '../../shared/model.js';
import { TokenList } from '../features/tokens/TokenList.js';
import { LoadProblem } from '../features/vault/LoadProblem.js';
import type { Vault } from './useVault.js';

interface ListAreaProps {
  vault: Vault;
  /** The tokens the filters let through, in the chosen order. */
  tokens: readonly TokenView[];
  query: string;
  activeId: string | null;
  openId: string | null;
  checked: ReadonlySet<string>;
  paused: ReadonlySet<string>;
  onActivate(id: string): void;
  onOpen(id: string): void;
  onCheck(ids: ReadonlySet<string>): void;
  onClearFilters(): void;
}

/** The list, or what stands in for it: loading, a read error, nothing matching the filters. */
export function ListArea({ vault, tokens, query, onClearFilters, ...list }: ListAreaProps) {
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
            {query.trim() ? (
              <>
                No token here matches &ldquo;{query.trim()}&rdquo; in its label, tags, provider, account, purpose or
                scopes.
              </>
            ) : (
              'No token matches these filters.'
            )}
          </p>
          <button type="button" onClick={onClearFilters}>
            Clear filters
          </button>
        </div>
      )}
      {tokens.length > 0 && <TokenList tokens={tokens} {...list} />}
    </>
  );
}
