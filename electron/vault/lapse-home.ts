import os from 'node:os';
import path from 'node:path';

/** The app name Electron derives its per-user data folder from (package.json productName). */
export const appFolderName = 'Lapse';

/**
 * The folder that holds Lapse's metadata: `--home`, else LAPSE_HOME, else the per-user app-data
 * folder the Electron app uses (app.getPath('userData')), so the CLI and the app share one vault.
 */
export function lapseHome(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const chosen = explicit ?? env['LAPSE_HOME'];
  if (chosen) return path.resolve(chosen);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', appFolderName);
  if (platform === 'win32') return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), appFolderName);
  return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), appFolderName);
}
