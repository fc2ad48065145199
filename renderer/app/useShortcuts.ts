import { useEffect, useRef } from 'react';

export interface Shortcuts {
  /** `/` */
  search(): void;
  /** `n` */
  add(): void;
  /** Esc, outside dialogs (a modal dialog closes itself). */
  escape(): void;
  /** `?` */
  help(): void;
  /** `g` then `l` */
  list(): void;
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
    let leader = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target instanceof Element && event.target.closest('dialog')) return;
      if (event.key === 'Escape') {
        latest.current.escape();
        return;
      }
      if (typingIn(event.target)) return;
      const afterG = Date.now() - leader < 1500;
      leader = 0;
      if (event.key === '/') {
        event.preventDefault();
        latest.current.search();
      } else if (event.key === 'n') {
        event.preventDefault();
        latest.current.add();
      } else if (event.key === '?') {
        event.preventDefault();
        latest.current.help();
      } else if (event.key === 'g') {
        leader = Date.now();
      } else if (event.key === 'l' && afterG) {
        event.preventDefault();
        latest.current.list();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
