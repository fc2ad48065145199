import { memo } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { ExpiryText } from './ExpiryText.js';
import { providerNames } from './providers.js';
import { StatusBadge } from './StatusBadge.js';

interface TokenRowProps {
  token: TokenView;
  /** 1-based place in the whole (filtered) list, for assistive tech: most rows are not rendered. */
  position: number;
  total: number;
  active: boolean;
  selected: boolean;
  tabStop: boolean;
  onPick(id: string): void;
}

/** One token in the list: status in words, label, provider and account, masked value, countdown. */
export const TokenRow = memo(function TokenRow({ token, position, total, active, selected, tabStop, onPick }: TokenRowProps) {
  return (
    <li
      id={`token-${token.id}`}
      role="option"
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={total}
      tabIndex={tabStop ? 0 : -1}
      className={`token-row${active ? ' active' : ''}`}
      onClick={() => onPick(token.id)}
    >
      <span className="cell-status">
        <StatusBadge status={token.status} />
      </span>
      <span className="cell-main">
        <span className="token-label">{token.label}</span>
        <span className="token-sub">
          {providerNames[token.provider]}
          {token.account ? ` · ${token.account}` : ''}
          {token.tags.length > 0 && <span className="token-tags"> · {token.tags.map((t) => `#${t}`).join(' ')}</span>}
        </span>
      </span>
      <span className="cell-masked">
        <code>{token.masked}</code>
      </span>
      <span className="cell-expiry">
        <ExpiryText expiresAt={token.expiresAt} />
      </span>
    </li>
  );
});
