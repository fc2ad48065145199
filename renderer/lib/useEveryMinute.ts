import { useEffect, useRef } from 'react';
import { ticker } from '../app/useTicker.js';

const minute = 60_000;

/** Run `task` once a minute while mounted (and `enabled`), on the window's one ticker. */
export function useEveryMinute(task: () => void, enabled = true): void {
  const latest = useRef(task);
  useEffect(() => {
    latest.current = task;
  });

  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    let cancel = () => {};
    const arm = () => {
      cancel = ticker.countdownTo(
        Date.now() + minute,
        () => {
          if (!live) return;
          latest.current();
          // Re-arm once the ticker's own tick has finished, not inside it.
          queueMicrotask(() => live && arm());
        },
        false,
      );
    };
    arm();
    return () => {
      live = false;
      cancel();
    };
  }, [enabled]);
}
