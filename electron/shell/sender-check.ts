import { isAppUrl } from './app-origin.js';

/** What the IPC host knows about who sent a message (a structural slice of Electron's event). */
export interface SenderFacts {
  /** The sending frame; Electron gives null once it has navigated away or been destroyed. */
  frame: { readonly url: string; readonly parent: unknown } | null;
  /** Whether the sending web contents belong to a window the factory made. */
  fromLapseWindow: boolean;
}

/**
 * Why a message must be refused, or null when it came from the top frame of a Lapse window
 * showing Lapse's own page. The reason is for logs; the renderer gets one fixed sentence.
 */
export function senderRefusal({ frame, fromLapseWindow }: SenderFacts): string | null {
  if (!fromLapseWindow) return 'not a Lapse window';
  if (!frame) return 'the sending frame is gone';
  if (frame.parent !== null) return 'not the main frame';
  if (!isAppUrl(frame.url)) return 'not the app origin';
  return null;
}
