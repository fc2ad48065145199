import type { WebContents } from 'electron';

// The app-wide hook and the window factory both lock a window's contents; once is enough.
const locked = new WeakSet<WebContents>();

/**
 * No Lapse page navigates away, opens a window or hosts a <webview>: the attempt is refused and
 * the URL handed to `openLink`, which sends allowlisted https links to the system browser.
 */
export function lockDownWebContents(contents: WebContents, openLink: (url: string) => void): void {
  if (locked.has(contents)) return;
  locked.add(contents);
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openLink(event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openLink(url);
    return { action: 'deny' };
  });
}
