import { useEffect, useState } from 'react';
import { lapseApi } from '../../api/lapse-api.js';
import { ticker } from '../../app/useTicker.js';
import { copyInBrowser } from './browserClipboard.js';

export type CopyState =
  | { phase: 'idle' }
  | { phase: 'busy' }
  /** On the clipboard; cleared at `clearsAt` if it still holds the value, by Lapse or by this window. */
  | { phase: 'copied'; clearsAt: number; by: 'lapse' | 'window' }
  /** Lapse's own clipboard guard has cleared it, if it still held the value. */
  | { phase: 'cleared-if-unchanged' }
  /** On the clipboard, and Lapse can't check it later: the person clears it. */
  | { phase: 'copied-unchecked' }
  | { phase: 'cleared' }
  /** Something else was copied since; left alone. */
  | { phase: 'replaced' }
  | { phase: 'failed'; message: string };

/**
 * Copy a token's value: on the Node side where there is an OS clipboard (Electron); in the
 * browser shell with the browser's clipboard, revealed for that purpose only.
 */
export function useCopy(id: string): { state: CopyState; copy(): Promise<void> } {
  const [state, setState] = useState<CopyState>({ phase: 'idle' });

  // Ticks the visible "clears in 27 s"; the window's own clearing reports its end itself.
  useEffect(() => {
    if (state.phase !== 'copied') return undefined;
    const done = state.by === 'lapse' ? () => setState({ phase: 'cleared-if-unchanged' }) : () => undefined;
    return ticker.countdownTo(state.clearsAt, done);
  }, [state]);

  async function copy() {
    setState({ phase: 'busy' });
    const copied = await lapseApi.copySecret({ id });
    if (copied.ok) return setState({ phase: 'copied', clearsAt: Date.now() + copied.value.clearsAfterMs, by: 'lapse' });
    if (copied.error.code !== 'clipboard-unavailable')
      return setState({ phase: 'failed', message: copied.error.message });

    const revealed = await lapseApi.revealSecret({ id });
    if (!revealed.ok) return setState({ phase: 'failed', message: revealed.error.message });
    const clearAfterMs = revealed.value.hideAfterMs;
    const outcome = await copyInBrowser(revealed.value.secret, clearAfterMs, (end) =>
      setState(end === 'unchecked' ? { phase: 'copied-unchecked' } : { phase: end }),
    );
    if (!outcome.copied) {
      setState({ phase: 'failed', message: 'The browser refused to copy. Use Reveal and copy the value yourself.' });
    } else {
      setState(
        outcome.willClear
          ? { phase: 'copied', clearsAt: Date.now() + clearAfterMs, by: 'window' }
          : { phase: 'copied-unchecked' },
      );
    }
  }

  return { state, copy };
}
