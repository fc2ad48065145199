import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  openTokenChannel,
  revealToken,
  showReminderNotification,
  startDesktopReminders,
} from '../../../electron/shell/reminder-notifications.js';
import { createLapseService } from '../../../electron/service.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import type { ReminderNotification } from '../../../shared/api.js';
import { app, BrowserWindow, Notification, powerMonitor, resetFakeElectron, Tray } from '../../fakes/electron.js';
import { memoryKeychain } from '../../helpers/memory-keychain.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { seedVault, tokenRecord } from '../reminders/reminder-vault.js';

vi.mock('electron', () => import('../../fakes/electron.js'));

const single: ReminderNotification = {
  title: '"CI deploy" expires in 6 days',
  body: 'Rotate it before then.',
  tokenId: 'aaaaaaaa-1111',
  reminderIds: [],
  summary: false,
};

describe('a reminder notification', () => {
  beforeEach(resetFakeElectron);

  it('shows the title and body, and a click opens the token it is about', () => {
    const open = vi.fn();
    showReminderNotification(single, open);
    expect(Notification.shown.map((n) => n.options)).toEqual([{ title: single.title, body: single.body }]);
    Notification.shown[0]?.click();
    expect(open).toHaveBeenCalledWith('aaaaaaaa-1111');
  });

  it('is skipped quietly where the OS has no notifications', () => {
    Notification.supported = false;
    showReminderNotification(single, vi.fn());
    expect(Notification.shown).toEqual([]);
  });

  it('opening a token shows the window and tells its page which token, so the page can select it', () => {
    const window = new BrowserWindow({});
    const showWindow = vi.fn();
    revealToken(showWindow, 'aaaaaaaa-1111');
    expect(showWindow).toHaveBeenCalled();
    expect(window.visible).toBe(true);
    expect(window.webContents.send).toHaveBeenCalledWith(openTokenChannel, 'aaaaaaaa-1111');
    revealToken(showWindow, null);
    expect(window.webContents.send).toHaveBeenCalledTimes(1);
  });
});

describe('the desktop app reminding from the tray', () => {
  let home: string;
  let config: string;
  const now = Date.parse('2026-11-24T10:00:00Z');

  beforeEach(async () => {
    resetFakeElectron();
    home = makeTempDir('lapse-shell-reminders');
    config = makeTempDir('lapse-shell-config');
    vi.stubEnv('XDG_CONFIG_HOME', config);
  });
  afterEach(() => {
    app.emit('before-quit');
    vi.unstubAllEnvs();
    removeTempDir(home);
    removeTempDir(config);
  });

  async function start(
    records = [
      tokenRecord({
        label: 'CI deploy',
        createdAt: '2026-10-01T09:00:00Z',
        lastVerifiedAt: '2026-11-20T09:00:00Z',
        expiresAt: '2026-12-01T09:00:00Z',
      }),
    ],
  ) {
    await seedVault(home, records);
    const service = createLapseService({ keychain: memoryKeychain(), store: openMetadataStore(home), now: () => now });
    const window = new BrowserWindow({});
    const showWindow = vi.fn();
    const loop = startDesktopReminders({ service, showWindow });
    await loop.tick();
    const tray = Tray.created[0];
    if (!tray) throw new Error('no tray icon');
    return { service, window, showWindow, loop, tray, token: records[0] };
  }

  it('notifies once what the scheduler says is due, however often it looks', async () => {
    const { loop } = await start();
    await loop.tick();
    powerMonitor.emit('resume');
    await loop.tick();
    expect(Notification.shown.map((n) => n.options.title)).toEqual(['"CI deploy" expires in 6 days']);
  });

  it('a click on the notification opens that token in the window', async () => {
    const { window, token } = await start();
    Notification.shown[0]?.click();
    expect(window.visible).toBe(true);
    expect(window.webContents.send).toHaveBeenCalledWith(openTokenChannel, token?.id);
  });

  it('shows in the tray menu how many tokens need action and the next expiry', async () => {
    const { tray } = await start();
    const labels = tray.menu?.items.map((item) => item.label);
    expect(labels?.slice(0, 2)).toEqual(['1 token needs action', 'Next expiry: "CI deploy" in 6 days']);
    expect(tray.toolTip).toBe('Lapse: 1 token needs action');
  });

  it('closing the window keeps Lapse in the tray; quitting closes it', async () => {
    const { window } = await start();
    window.visible = true;
    expect(window.requestClose()).toBe(false);
    expect(window.visible).toBe(false);
    expect(window.destroyed).toBe(false);
    app.emit('before-quit');
    expect(window.requestClose()).toBe(true);
    expect(window.destroyed).toBe(true);
  });

  it('with "keep in tray" turned off from the tray menu, closing the window closes it', async () => {
    const { tray, window, service } = await start();
    tray.menu?.items.find((item) => item.label === 'Keep in tray when the window closes')?.click?.();
    await vi.waitFor(async () =>
      expect(tray.menu?.items.find((item) => item.label?.startsWith('Keep in tray'))?.checked).toBe(false),
    );
    expect(await service.getReminderSettings({})).toMatchObject({
      ok: true,
      value: { desktop: { keepInTray: false } },
    });
    expect(window.requestClose()).toBe(true);
  });

  it('"Start at login" in the tray menu is saved and applied', async () => {
    const { tray } = await start();
    const item = () => tray.menu?.items.find((i) => i.label === 'Start at login');
    expect(item()?.checked).toBe(false);
    item()?.click?.();
    await vi.waitFor(() => expect(item()?.checked).toBe(true));
    // On Linux, Electron has no login items: an XDG autostart entry stands in.
    if (process.platform === 'linux')
      expect((await import('node:fs')).existsSync(`${config}/autostart/lapse.desktop`)).toBe(true);
    else expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
  });

  it('launching Lapse again shows the window that was hidden in the tray', async () => {
    const { window, showWindow } = await start();
    window.visible = false;
    app.emit('second-instance');
    expect(showWindow).toHaveBeenCalled();
    expect(window.visible).toBe(true);
  });

  it('quitting removes the tray icon and stops looking', async () => {
    const { tray } = await start();
    app.emit('before-quit');
    expect(tray.destroyed).toBe(true);
  });
});
