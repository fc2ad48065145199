import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';

/** Where a Linux desktop looks for programs to start at login (XDG autostart). */
export const autostartFile = (env: NodeJS.ProcessEnv = process.env): string =>
  path.join(env['XDG_CONFIG_HOME'] ?? path.join(env['HOME'] ?? '', '.config'), 'autostart', 'lapse.desktop');

// Inside an AppImage, execPath is a temporary mount; APPIMAGE is the file the user keeps.
const launcher = (env: NodeJS.ProcessEnv) => env['APPIMAGE'] ?? process.execPath;

/** Start Lapse when the user logs in, or stop doing so. Electron covers macOS and Windows; Linux uses XDG autostart. */
export function applyStartAtLogin(
  startAtLogin: boolean,
  platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (platform !== 'linux') {
    if (app.getLoginItemSettings().openAtLogin !== startAtLogin)
      app.setLoginItemSettings({ openAtLogin: startAtLogin });
    return;
  }
  const file = autostartFile(env);
  if (!startAtLogin) return fs.rmSync(file, { force: true });
  const entry = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Lapse',
    `Exec="${launcher(env)}"`,
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === entry) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, entry, { mode: 0o644 });
}
