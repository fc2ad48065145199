import { secretExposureMs } from '../../shared/api.js';

/** The OS clipboard as the Electron shell provides it. */
export interface ClipboardPort {
  writeText(text: string): void;
  readText(): string;
  clear(): void;
}

/**
 * Copies a secret and clears it again after 30 s, or when Lapse quits, but only if the clipboard
 * still holds that value: something the user copied since is theirs and stays.
 */
export function clipboardGuard(clipboard: ClipboardPort, clearAfterMs = secretExposureMs) {
  let pending: { value: string; timer: NodeJS.Timeout } | null = null;

  const clearIfStillOurs = () => {
    if (pending && clipboard.readText() === pending.value) clipboard.clear();
    if (pending) clearTimeout(pending.timer);
    pending = null;
  };

  return {
    clearAfterMs,
    copy(value: string): void {
      if (pending) clearTimeout(pending.timer);
      clipboard.writeText(value);
      pending = { value, timer: setTimeout(clearIfStillOurs, clearAfterMs) };
      pending.timer.unref?.();
    },
    /** Called on quit. */
    clearNow: clearIfStillOurs,
  };
}
export type ClipboardGuard = ReturnType<typeof clipboardGuard>;
