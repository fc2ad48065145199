import type { WebContents } from 'electron';

/**
 * No Lapse page navigates away, opens a window or hosts a <webview>: the attempt is refused and
 * the URL handed to `openLink`, which sends allowlisted https links to the system browser.
 */
export function lockDownWebContents(contents: WebContents, openLink: (url: string) => void): void {
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
