import { useEffect, useRef } from 'react';
import { inElectron } from '../api/lapse-api.js';
import { followShellChanges } from '../api/change-stream.js';

/** What changed in the vault folder: `vault` (tokens, policy, reminders), `audit` (the log), `journal` (rotations). */
export type ChangeKind = 'vault' | 'audit' | 'journal';

const listeners = new Set<(kinds: readonly string[]) => void>();
let stop: (() => void) | null = null;

const fanOut = (kinds: readonly string[]) => {
  for (const listener of [...listeners]) listener(kinds);
};

// One source per window, however many parts listen: IPC in Electron, the streamed events in the browser shell.
function start(): () => void {
  if (inElectron) {
    const off = window.lapseEvents?.onChanged?.(fanOut);
    return typeof off === 'function' ? off : () => undefined;
  }
  return followShellChanges(fanOut);
}

/**
 * Call `handler` when something (the CLI, another window, this one) changed one of `kinds` in the
 * vault folder, so every open face shows the same vault without a reload.
 */
export function useLiveChanges(kinds: readonly ChangeKind[], handler: () => unknown): void {
  const latest = useRef(handler);
  const wanted = kinds.join(',');
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const wants = new Set(wanted.split(','));
    const listener = (changed: readonly string[]) => {
      if (changed.some((k) => wants.has(k))) void latest.current();
    };
    listeners.add(listener);
    stop ??= start();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && stop) {
        stop();
        stop = null;
      }
    };
  }, [wanted]);
}
