import { app, BrowserWindow, dialog } from 'electron';
import { failureOf } from '../failure.js';
import { openLapse, partsFromEnv } from '../open-lapse.js';
import { clipboardGuard } from '../vault/clipboard-guard.js';
import { lapseHome } from '../vault/lapse-home.js';
import { electronClipboard } from './clipboard-port.js';
import { configuredLinkHosts, linkOpener } from './external-links.js';
import { chooseFolder } from './folder-picker.js';
import { registerIpcHost } from './ipc-host.js';
import { startDesktopReminders } from './reminder-notifications.js';
import { registerAppScheme, serveRenderer } from './renderer-protocol.js';
import { hardenDefaultSession, lockDownEveryWebContents } from './security-hooks.js';
import { electronStoreEngine } from './vault-engine.js';
import { watchVaultFolder } from '../transports/change-feed.js';
import { createLapseWindow, isLapseWindow } from './window.js';

// Both must happen before "ready": every renderer sandboxed, and app:// known as a secure origin.
app.enableSandbox();
registerAppScheme();

// LAPSE_HOME wins (tests, portable use); otherwise Electron's own per-user folder, which the CLI also finds.
const vaultHome = (): string => (process.env['LAPSE_HOME'] ? lapseHome() : app.getPath('userData'));

function start(): void {
  const clipboard = clipboardGuard(electronClipboard);
  const parts = partsFromEnv(process.env, {
    home: vaultHome(),
    engine: electronStoreEngine,
    clipboard,
    folderPicker: chooseFolder,
  });
  // Every unfinished rotation resumes from its journal before any call is answered.
  const service = openLapse(parts);
  const openLink = linkOpener(configuredLinkHosts(service));
  lockDownEveryWebContents(openLink);
  hardenDefaultSession();
  serveRenderer();
  registerIpcHost(service);
  // What the CLI (or anything else) changes in the vault folder reaches every open window at once.
  const changes = watchVaultFolder(vaultHome());
  changes.subscribe((kinds) => {
    for (const open of BrowserWindow.getAllWindows())
      if (isLapseWindow(open.webContents)) open.webContents.send('lapse:changed', kinds);
  });
  app.on('will-quit', () => changes.close());

  let window = createLapseWindow(openLink);
  const showWindow = () => {
    if (window.isDestroyed()) window = createLapseWindow(openLink);
    if (window.isMinimized()) window.restore();
    window.focus();
  };
  app.on('second-instance', showWindow);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) showWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // A copied secret must not outlive the app on the clipboard.
  app.on('before-quit', () => clipboard.clearNow());
  // Notifications, tray, close-to-tray and start at login; the scheduler decides, this only shows.
  startDesktopReminders({ service, showWindow });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Lapse could not start', failureOf(error).message);
      app.exit(1);
    });
}
