import { memo } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { kindSubtitle } from '../../../shared/token-words.js';
import { ExpiryText } from './ExpiryText.js';
import { shortDay } from './dates.js';
import { StatusBadge } from './StatusBadge.js';

interface TokenRowProps {
  token: TokenView;
  /** 1-based place in the whole (filtered) list, for assistive tech: most rows are not rendered. */
  position: number;
  total: number;
  active: boolean;
  /** Open in the detail panel. */
  selected: boolean;
  /** Ticked for a bulk action. */
  checked: boolean;
  tabStop: boolean;
  /** A rotation of this token is paused. */
  rotationPaused: boolean;
  onPick(id: string, how: { toggle: boolean; range: boolean }): void;
  onToggle(id: string): void;
}

/** One token in the list: tick box, status in words, label, provider and account, masked value, last verified, countdown. */
export const TokenRow = memo(function TokenRow({
  token,
  position,
  total,
  active,
  selected,
  checked,
  tabStop,
  rotationPaused,
  onPick,
  onToggle,
}: TokenRowProps) {
  const [provider] = kindSubtitle(token.provider, token.kind);
  return (
    <li
      id={`token-${token.id}`}
      role="option"
      aria-selected={selected}
      aria-checked={checked}
      aria-posinset={position}
      aria-setsize={total}
      tabIndex={tabStop ? 0 : -1}
      className={`token-row${active ? ' active' : ''}${checked ? ' checked' : ''}`}
      onClick={(e) => onPick(token.id, { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey })}
    >
      <span
        className="cell-check"
        aria-hidden="true"
        onClick={(e) => {
          e.stopPropagation();
          onToggle(token.id);
        }}
      >
        <span className={`check-box${checked ? ' on' : ''}`}>{checked ? '✓' : ''}</span>
      </span>
      <span className="cell-status">
        <StatusBadge status={token.status} />
      </span>
      <span className="cell-main">
        <span className="token-label">{token.label}</span>
        <span className="token-sub">
          {provider}
          {token.account ? ` · ${token.account}` : ''}
          {token.tags.length > 0 && <span className="token-tags"> · {token.tags.map((t) => `#${t}`).join(' ')}</span>}
          {rotationPaused && <span className="token-flag"> · rotation paused</span>}
        </span>
      </span>
      <span className="cell-masked">
        <code>{token.masked}</code>
      </span>
      <span className="cell-verified">{token.lastVerifiedAt ? shortDay(token.lastVerifiedAt) : 'never'}</span>
      <span className="cell-expiry">
        <ExpiryText expiresAt={token.expiresAt} unknown={token.expiryUnknown} />
      </span>
    </li>
  );
});
