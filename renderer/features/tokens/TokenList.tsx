import { useRef, type KeyboardEvent } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { ExpiryText } from './ExpiryText.js';
import { providerNames } from './providers.js';
import { StatusBadge } from './StatusBadge.js';

interface TokenListProps {
  tokens: readonly TokenView[];
  now: number;
  /** The row the arrow keys are on. */
  activeId: string | null;
  /** The token open in the detail panel. */
  openId: string | null;
  onActivate(id: string): void;
  onOpen(id: string): void;
}

const optionId = (id: string) => `token-${id}`;

/** Every token, most urgent first: ↑/↓ move, Enter opens. One row per token, one tab stop for the list. */
export function TokenList({ tokens, now, activeId, openId, onActivate, onOpen }: TokenListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const active = tokens.find((t) => t.id === activeId) ?? tokens[0];

  const moveTo = (index: number) => {
    const next = tokens[Math.max(0, Math.min(tokens.length - 1, index))];
    if (!next) return;
    onActivate(next.id);
    listRef.current?.querySelector<HTMLElement>(`#${optionId(next.id)}`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const index = tokens.findIndex((t) => t.id === active?.id);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: tokens.length - 1 };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if ((event.key === 'Enter' || event.key === ' ') && active) {
      event.preventDefault();
      onOpen(active.id);
    }
  };

  return (
    <ul ref={listRef} className="token-list" role="listbox" aria-label="Tokens" onKeyDown={onKeyDown}>
      {tokens.map((token) => (
        <li
          key={token.id}
          id={optionId(token.id)}
          role="option"
          aria-selected={token.id === openId}
          tabIndex={token.id === active?.id ? 0 : -1}
          className={`token-row${token.id === active?.id ? ' active' : ''}`}
          onClick={() => {
            onActivate(token.id);
            onOpen(token.id);
          }}
        >
          <span className="cell-status">
            <StatusBadge status={token.status} />
          </span>
          <span className="cell-main">
            <span className="token-label">{token.label}</span>
            <span className="token-sub">
              {providerNames[token.provider]}
              {token.account ? ` · ${token.account}` : ''}
            </span>
          </span>
          <span className="cell-masked">
            <code>{token.masked}</code>
          </span>
          <span className="cell-expiry">
            <ExpiryText expiresAt={token.expiresAt} now={now} />
          </span>
        </li>
      ))}
    </ul>
  );
}
