import { useCallback, useEffect, useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { TokenRow } from './TokenRow.js';
import { rowHeight, useVisibleRows } from './useVisibleRows.js';

interface TokenListProps {
  tokens: readonly TokenView[];
  /** The row the arrow keys are on. */
  activeId: string | null;
  /** The token open in the detail panel. */
  openId: string | null;
  /** Tokens ticked for a bulk action. */
  checked: ReadonlySet<string>;
  /** Tokens with a rotation paused half-way. */
  paused: ReadonlySet<string>;
  onActivate(id: string): void;
  onOpen(id: string): void;
  /** Replace the ticked set. */
  onCheck(ids: ReadonlySet<string>): void;
}

export const optionId = (id: string) => `token-${id}`;

/**
 * Every token, most urgent first: ↑/↓ move, Enter opens, Space ticks (Shift+↑/↓ ticks a range,
 * Ctrl+A all). One tab stop for the list. Only the rows in view (and a few beyond) are rendered,
 * so a thousand tokens cost what twenty do.
 */
export function TokenList({ tokens, activeId, openId, checked, paused, onActivate, onOpen, onCheck }: TokenListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const focusWanted = useRef<string | null>(null);
  const focusInside = useRef(false);
  const { start, end } = useVisibleRows(scrollRef, tokens.length);
  const activeIndex = Math.max(
    0,
    tokens.findIndex((t) => t.id === activeId),
  );
  const rendered = tokens.slice(start, end);
  // The tab stop: the active row when rendered, else the first row in view.
  const tabStop = activeIndex >= start && activeIndex < end ? tokens[activeIndex]?.id : rendered[0]?.id;

  useLayoutEffect(() => {
    const wanted = focusWanted.current;
    if (wanted) {
      const row = document.getElementById(optionId(wanted));
      if (row) {
        focusWanted.current = null;
        row.focus();
      }
    } else if (focusInside.current && document.activeElement === document.body) {
      // The focused row scrolled out of the rendered window: keep the keyboard in the list.
      listRef.current?.focus({ preventScroll: true });
    }
  });

  // A banner arriving above the list shrinks it from the bottom: the focused row stays in view.
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const keepFocusedRowInView = new ResizeObserver(() => {
      const focused = document.activeElement;
      if (focused instanceof HTMLElement && focused.getAttribute('role') === 'option' && scroller.contains(focused))
        focused.scrollIntoView({ block: 'nearest' });
    });
    keepFocusedRowInView.observe(scroller);
    return () => keepFocusedRowInView.disconnect();
  }, []);

  const moveTo = (index: number) => {
    const i = Math.max(0, Math.min(tokens.length - 1, index));
    const next = tokens[i];
    const scroller = scrollRef.current;
    if (!next) return;
    if (scroller) {
      const top = i * rowHeight;
      if (top < scroller.scrollTop) scroller.scrollTop = top;
      else if (top + rowHeight > scroller.scrollTop + scroller.clientHeight)
        scroller.scrollTop = top + rowHeight - scroller.clientHeight;
    }
    focusWanted.current = next.id;
    onActivate(next.id);
    document.getElementById(optionId(next.id))?.focus();
  };

  const toggle = (id: string) => {
    const next = new Set(checked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onCheck(next);
  };
  const tickRange = (from: number, to: number) => {
    const next = new Set(checked);
    for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
      const id = tokens[i]?.id;
      if (id) next.add(id);
    }
    onCheck(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      onCheck(new Set(tokens.map((t) => t.id)));
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.shiftKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const target = Math.max(0, Math.min(tokens.length - 1, activeIndex + (event.key === 'ArrowDown' ? 1 : -1)));
      tickRange(activeIndex, target);
      moveTo(target);
      return;
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: tokens.length - 1,
    };
    const target = moves[event.key];
    const active = tokens[activeIndex];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter' && active) {
      event.preventDefault();
      onOpen(active.id);
    } else if (event.key === ' ' && active) {
      event.preventDefault();
      toggle(active.id);
    }
  };

  // Stable, so rows that did not change skip re-rendering.
  const handlers = useRef({ onActivate, onOpen, toggle, tickRange, activeIndex, tokens });
  useEffect(() => {
    handlers.current = { onActivate, onOpen, toggle, tickRange, activeIndex, tokens };
  });
  const pick = useCallback((id: string, how: { toggle: boolean; range: boolean }) => {
    const h = handlers.current;
    if (how.range)
      h.tickRange(
        h.activeIndex,
        h.tokens.findIndex((t) => t.id === id),
      );
    else if (how.toggle) h.toggle(id);
    h.onActivate(id);
    if (!how.range && !how.toggle) h.onOpen(id);
  }, []);
  const tick = useCallback((id: string) => handlers.current.toggle(id), []);

  const onBlur = (event: FocusEvent) => {
    // A row removed while focused blurs towards nothing; leaving for another element is a real leave.
    if (event.relatedTarget !== null && !listRef.current?.contains(event.relatedTarget as Node))
      focusInside.current = false;
  };

  return (
    <div ref={scrollRef} className="token-scroll">
      {/* Spacers stand in for the rows above and below; SVG sizes are attributes, which the CSP allows. */}
      <svg className="row-spacer" width="1" height={start * rowHeight} aria-hidden="true" focusable="false" />
      <ul
        ref={listRef}
        className="token-list"
        role="listbox"
        aria-label="Tokens"
        aria-multiselectable="true"
        aria-describedby="token-list-keys"
        tabIndex={-1}
        onKeyDown={onKeyDown}
        onFocus={() => (focusInside.current = true)}
        onBlur={onBlur}
      >
        {rendered.map((token, i) => (
          <TokenRow
            key={token.id}
            token={token}
            position={start + i + 1}
            total={tokens.length}
            active={token.id === tokens[activeIndex]?.id}
            selected={token.id === openId}
            checked={checked.has(token.id)}
            rotationPaused={paused.has(token.id)}
            tabStop={token.id === tabStop}
            onPick={pick}
            onToggle={tick}
          />
        ))}
      </ul>
      <svg
        className="row-spacer"
        width="1"
        height={(tokens.length - end) * rowHeight}
        aria-hidden="true"
        focusable="false"
      />
      <p id="token-list-keys" className="visually-hidden">
        Enter opens a token; Space ticks it for a bulk action; Shift with the arrow keys ticks a range; Control A ticks
        all.
      </p>
    </div>
  );
}
