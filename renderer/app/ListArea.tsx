import { TokenList } from '../features/tokens/TokenList.js';
import type { TokenView } from '../../shared/model.js';
import { LoadProblem } from '../features/vault/LoadProblem.js';
import type { Vault } from './useVault.js';

interface ListAreaProps {
  vault: Vault;
  /** The tokens the search lets through. */
  tokens: readonly TokenView[];
  query: string;
  now: number;
  activeId: string | null;
  openId: string | null;
  onActivate(id: string): void;
  onOpen(id: string): void;
}

/** The list, or what stands in for it: loading, a read error, no search match. */
export function ListArea({ vault, tokens, query, ...list }: ListAreaProps) {
  return (
    <>
      {vault.error && <LoadProblem message={vault.error} onRetry={vault.reload} />}
      {vault.tokens === null && !vault.error && (
        <p className="placeholder" role="status">
          Loading tokens…
        </p>
      )}
      {vault.tokens !== null && tokens.length === 0 && query && (
        <p className="placeholder" role="status">
          No token label contains &ldquo;{query.trim()}&rdquo;.
        </p>
      )}
      {tokens.length > 0 && <TokenList tokens={tokens} {...list} />}
    </>
  );
}
