import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyStartAtLogin, autostartFile } from '../../../electron/shell/login-item.js';
import { app, resetFakeElectron } from '../../fakes/electron.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

vi.mock('electron', () => import('../../fakes/electron.js'));

describe('start at login', () => {
  let config: string;
  beforeEach(() => {
    resetFakeElectron();
    config = makeTempDir('lapse-autostart');
  });
  afterEach(() => removeTempDir(config));

  it('on macOS and Windows, sets the login item only when it differs', () => {
    applyStartAtLogin(true, 'darwin');
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    applyStartAtLogin(true, 'win32');
    expect(app.setLoginItemSettings).toHaveBeenCalledTimes(1);
    applyStartAtLogin(false, 'win32');
    expect(app.loginItem.openAtLogin).toBe(false);
  });

  it('on Linux, writes an XDG autostart entry that starts the AppImage the user keeps, and removes it when turned off', () => {
    const env = { XDG_CONFIG_HOME: config, APPIMAGE: '/home/someone/Apps/Lapse.AppImage' };
    applyStartAtLogin(true, 'linux', env);
    const file = autostartFile(env);
    expect(file).toBe(`${config}/autostart/lapse.desktop`);
    expect(fs.readFileSync(file, 'utf8')).toContain('Exec="/home/someone/Apps/Lapse.AppImage"');
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
    applyStartAtLogin(false, 'linux', env);
    expect(fs.existsSync(file)).toBe(false);
  });
});
