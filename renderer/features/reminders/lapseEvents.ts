import { useEffect, useRef } from 'react';

/** What the desktop app's preload may offer besides the contract: events from the main process. */
export interface LapseEvents {
  /** A click on an OS notification asks the window to open this token. Returns an unsubscribe function, if any. */
  onOpenToken?(listener: (tokenId: string) => void): (() => void) | void;
  /** The vault folder changed (another window, the CLI): which parts. Returns an unsubscribe function. */
  onChanged?(listener: (kinds: string[]) => void): (() => void) | void;
}

declare global {
  interface Window {
    /** Present inside the Electron app when the preload forwards main-process events. */
    lapseEvents?: LapseEvents;
  }
}

/** Open the token an OS notification was clicked for (desktop app; absent in the browser shell). */
export function useOpenTokenEvents(onOpen: (tokenId: string) => void): void {
  const latest = useRef(onOpen);
  useEffect(() => {
    latest.current = onOpen;
  });
  useEffect(() => {
    const unsubscribe = window.lapseEvents?.onOpenToken?.((tokenId) => latest.current(tokenId));
    return typeof unsubscribe === 'function' ? unsubscribe : undefined;
  }, []);
}
