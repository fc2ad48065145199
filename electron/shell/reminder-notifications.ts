import { app, BrowserWindow, Notification, powerMonitor } from 'electron';
import type { LapseApi, ReminderNotification } from '../../shared/api.js';
import { startNotifierLoop, type NotifierLoop } from '../reminders/notifier-loop.js';
import { applyStartAtLogin } from './login-item.js';
import { createReminderTray, keepInTrayOnClose } from './tray.js';

/** What the window hears when a notification is clicked: the id of the token to open. */
export const openTokenChannel = 'lapse:open-token';

// A notification nobody references can be collected before its click arrives.
const pending = new Set<Notification>();

/** One OS notification; a click calls `open` with the token (null for a summary of several). */
export function showReminderNotification(
  notification: ReminderNotification,
  open: (tokenId: string | null) => void,
): void {
  if (!Notification.isSupported()) return;
  const shown = new Notification({ title: notification.title, body: notification.body });
  pending.add(shown);
  shown.on('click', () => {
    pending.delete(shown);
    open(notification.tokenId);
  });
  shown.on('close', () => pending.delete(shown));
  shown.show();
}

/** Shows every Lapse window and tells each which token to open. */
export function revealToken(showWindow: () => void, tokenId: string | null): void {
  showWindow();
  for (const window of BrowserWindow.getAllWindows()) {
    window.show();
    if (tokenId) window.webContents.send(openTokenChannel, tokenId);
  }
}

/**
 * The desktop side of reminders, kept thin: a loop asks the service what to notify (the scheduler
 * decides and records), shows it, and refreshes the tray; settings come from the vault file.
 */
export function startDesktopReminders({
  service,
  showWindow,
}: {
  service: LapseApi;
  showWindow: () => void;
}): NotifierLoop {
  let desktop = { keepInTray: true, startAtLogin: false };
  const open = (tokenId: string | null) => revealToken(showWindow, tokenId);
  const tray = createReminderTray({
    open: () => open(null),
    quit: () => app.quit(),
    setDesktop: (change) => void service.setDesktopSettings(change).then(() => loop.tick()),
  });
  const refresh = async () => {
    const [settings, listed] = await Promise.all([
      service.getReminderSettings({}),
      service.listReminders({ due: true }),
    ]);
    if (settings.ok) {
      desktop = settings.value.desktop;
      applyStartAtLogin(desktop.startAtLogin);
    }
    if (listed.ok) tray.update({ summary: listed.value.summary, desktop, now: Date.parse(listed.value.evaluatedAt) });
  };
  const loop = startNotifierLoop({
    collect: async () => {
      const result = await service.collectDueReminders({});
      return result.ok ? result.value.notification : null;
    },
    deliver: (notification) => showReminderNotification(notification, open),
    afterTick: refresh,
    onError: (error) => console.error(`Lapse reminders: ${String(error)}`),
  });
  for (const window of BrowserWindow.getAllWindows()) keepInTrayOnClose(window, () => desktop.keepInTray);
  app.on('browser-window-created', (_event, window) => keepInTrayOnClose(window, () => desktop.keepInTray));
  app.on('second-instance', () => open(null));
  // Back from sleep: look at once; the scheduler turns the gap into one summary.
  powerMonitor.on('resume', () => void loop.tick());
  app.on('before-quit', () => {
    loop.stop();
    tray.destroy();
  });
  return loop;
}
