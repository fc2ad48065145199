import { useEffect, useState, type RefObject } from 'react';

/** Every row of the token list is this tall (CSS: .token-row), so positions are arithmetic. */
export const rowHeight = 52;
/** Rows rendered beyond each edge of the viewport, so a quick scroll shows no gap. */
const overscan = 6;
// Until the first measurement: a tall window's worth of rows.
const assumedViewport = 1000;

export interface RowWindow {
  /** First rendered index (inclusive). */
  start: number;
  /** Last rendered index (exclusive). */
  end: number;
}

/** Which rows of `count` are in (or near) the scrolling element's viewport. */
export function rowWindow(scrollTop: number, viewport: number, count: number): RowWindow {
  const first = Math.floor(scrollTop / rowHeight);
  const last = Math.ceil((scrollTop + viewport) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + overscan) };
}

/**
 * Follows the scroll position and height of `scroller`, re-rendering only when the set of rows to
 * render changes (not on every pixel scrolled).
 */
export function useVisibleRows(scroller: RefObject<HTMLElement | null>, count: number): RowWindow {
  const [view, setView] = useState({ top: 0, height: assumedViewport });

  useEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    const measure = () =>
      setView((v) => {
        const next = { top: element.scrollTop, height: element.clientHeight || assumedViewport };
        const same = Math.floor(v.top / rowHeight) === Math.floor(next.top / rowHeight) && v.height === next.height;
        return same ? v : next;
      });
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(element);
    return () => {
      element.removeEventListener('scroll', measure);
      resize.disconnect();
    };
  }, [scroller]);

  return rowWindow(view.top, view.height, count);
}
