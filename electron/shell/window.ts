import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, type WebContents } from 'electron';
import { appEntryUrl } from './app-origin.js';
import { lockDownWebContents } from './web-contents-guard.js';

/** esbuild writes the sandboxed preload beside the compiled shell as CommonJS. */
export const preloadPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'preload.cjs');

// The IPC host answers only pages in windows made here.
const lapseContents = new WeakSet<WebContents>();

/** Whether these web contents belong to a window the factory made (and has not yet closed). */
export function isLapseWindow(contents: WebContents): boolean {
  return lapseContents.has(contents);
}

/** The one way Lapse opens a window: sandboxed, isolated, no Node, no navigation, no pop-ups. */
export function createLapseWindow(openLink: (url: string) => void): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 640,
    minHeight: 480,
    title: 'Lapse',
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
    },
  });
  const contents = window.webContents;
  lapseContents.add(contents);
  window.on('closed', () => lapseContents.delete(contents));
  lockDownWebContents(contents, openLink);
  window.once('ready-to-show', () => window.show());
  // A failed load leaves no page to talk to; say why on the console rather than as an unhandled rejection.
  window
    .loadURL(appEntryUrl)
    .catch((error: unknown) => console.error(`Lapse could not load its window: ${String(error)}`));
  return window;
}
