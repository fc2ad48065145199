import { app, session } from 'electron';
import { contentSecurityPolicy } from './content-security-policy.js';
import { lockDownWebContents } from './web-contents-guard.js';

/** Every web contents, not only the factory's windows, is refused navigation, pop-ups and webviews. */
export function lockDownEveryWebContents(openLink: (url: string) => void): void {
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, openLink));
}

/** Defence in depth for the default session: the CSP on every response, and no permission granted. */
export function hardenDefaultSession(): void {
  const { defaultSession } = session;
  defaultSession.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } }),
  );
  // Lapse needs no camera, notifications-from-page, geolocation or the like; the Node side does its work.
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
}
