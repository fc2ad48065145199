import { ticker } from '../../app/useTicker.js';

/** How a copy made with the browser's clipboard ended. */
export type BrowserCopyEnd = 'cleared' | 'replaced' | 'unchecked';

async function mayReadClipboard(): Promise<boolean> {
  try {
    const status = await navigator.permissions.query({ name: 'clipboard-read' as PermissionName });
    return status.state !== 'denied';
  } catch {
    return true; // No permissions API for it: the read itself will tell.
  }
}

/**
 * Copy where Lapse has no OS clipboard of its own (the browser shell), and clear it after
 * `clearAfterMs` only if it still holds the value. Whatever the window does meanwhile, the clearing
 * still happens. Resolves false when the browser refused the copy.
 */
export async function copyInBrowser(
  value: string,
  clearAfterMs: number,
  onEnd: (end: BrowserCopyEnd) => void,
): Promise<{ copied: boolean; willClear: boolean }> {
  try {
    await navigator.clipboard.writeText(value);
  } catch {
    return { copied: false, willClear: false };
  }
  if (!(await mayReadClipboard())) return { copied: true, willClear: false };
  ticker.countdownTo(
    Date.now() + clearAfterMs,
    () => {
      navigator.clipboard
        .readText()
        .then(async (current) => {
          if (current !== value) return onEnd('replaced');
          await navigator.clipboard.writeText('');
          onEnd('cleared');
        })
        .catch(() => onEnd('unchecked'));
    },
    false,
  );
  return { copied: true, willClear: true };
}
