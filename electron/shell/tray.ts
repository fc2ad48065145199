import {
  app,
  Menu,
  nativeImage,
  Tray,
  type BrowserWindow,
  type MenuItemConstructorOptions,
  type NativeImage,
} from 'electron';
import type { z } from 'zod';
import type { desktopSettingsSchema, reminderSummarySchema } from '../../shared/contract/reminder-calls.js';
import { describeExpiry } from '../../shared/countdown.js';

/** What the tray shows, from the scheduler's summary and the desktop settings. */
export interface TrayState {
  summary: z.infer<typeof reminderSummarySchema>;
  desktop: z.infer<typeof desktopSettingsSchema>;
  now: number;
}

export interface TrayActions {
  open: () => void;
  setDesktop: (change: Partial<TrayState['desktop']>) => void;
  quit: () => void;
}

export const needActionText = (n: number): string =>
  n === 0 ? 'No token needs action' : `${n} token${n === 1 ? ' needs' : 's need'} action`;

export const nextExpiryText = ({ nextExpiry }: TrayState['summary'], now: number): string =>
  nextExpiry ? `Next expiry: "${nextExpiry.label}" ${describeExpiry(nextExpiry.expiresAt, now)}` : 'No expiry coming';

/** The tray menu: the two facts first (not clickable), then open, the two settings, quit. */
export function trayMenuTemplate(
  { summary, desktop, now }: TrayState,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  return [
    { label: needActionText(summary.needAction), enabled: false },
    { label: nextExpiryText(summary, now), enabled: false },
    { type: 'separator' },
    { label: 'Open Lapse', click: actions.open },
    { type: 'separator' },
    {
      label: 'Keep in tray when the window closes',
      type: 'checkbox',
      checked: desktop.keepInTray,
      click: () => actions.setDesktop({ keepInTray: !desktop.keepInTray }),
    },
    {
      label: 'Start at login',
      type: 'checkbox',
      checked: desktop.startAtLogin,
      click: () => actions.setDesktop({ startAtLogin: !desktop.startAtLogin }),
    },
    { type: 'separator' },
    { label: 'Quit Lapse', click: actions.quit },
  ];
}

/** A 16×16 amber disc, drawn here so the tray needs no image file. */
function trayIcon(): NativeImage {
  const size = 16;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = (x - 7.5) ** 2 + (y - 7.5) ** 2 <= 7 ** 2;
      // BGRA
      pixels.set(inside ? [0x1a, 0xa5, 0xf5, 0xff] : [0, 0, 0, 0], (y * size + x) * 4);
    }
  }
  return nativeImage.createFromBitmap(pixels, { width: size, height: size });
}

/** The tray icon; `update` redraws its menu and tooltip. */
export function createReminderTray(actions: TrayActions): { update(state: TrayState): void; destroy(): void } {
  const tray = new Tray(trayIcon());
  tray.setToolTip('Lapse');
  tray.on('click', actions.open);
  return {
    update(state) {
      tray.setToolTip(`Lapse: ${needActionText(state.summary.needAction)}`);
      tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(state, actions)));
    },
    destroy: () => tray.destroy(),
  };
}

/** Closing the window hides it while `keepInTray()` holds, so Lapse keeps reminding; quitting still closes it. */
export function keepInTrayOnClose(window: BrowserWindow, keepInTray: () => boolean): void {
  let quitting = false;
  app.once('before-quit', () => (quitting = true));
  window.on('close', (event) => {
    if (quitting || !keepInTray()) return;
    event.preventDefault();
    window.hide();
  });
}
