import { useEffect, useRef } from 'react';

export interface Shortcuts {
  /** `/` */
  search(): void;
  /** `n` */
  add(): void;
  /** Esc, outside dialogs (a modal dialog closes itself). */
  escape(): void;
}

const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The window's single-key shortcuts; letters are ignored while typing in a field. */
export function useShortcuts(shortcuts: Shortcuts): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target instanceof Element && event.target.closest('dialog')) return;
      if (event.key === 'Escape') {
        latest.current.escape();
        return;
      }
      if (typingIn(event.target)) return;
      if (event.key === '/') {
        event.preventDefault();
        latest.current.search();
      } else if (event.key === 'n') {
        event.preventDefault();
        latest.current.add();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
