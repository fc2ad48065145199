import fs from 'node:fs';
import { terminalSafe } from '../../shared/terminal-text.js';
import { VaultRefused } from './vault-refused.js';

/**
 * The vault folder, made (0700) if missing. An existing one that other users can write, or that
 * belongs to someone else, is refused: they could replace vault.json or plant a link in its place.
 */
export function ensurePrivateHome(home: string): void {
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  const stat = fs.statSync(home);
  const shown = terminalSafe(home);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new VaultRefused(
      `The Lapse folder ${shown} belongs to another user (uid ${stat.uid}), who could change or replace its files. Use a folder of your own (LAPSE_HOME or --home), or take it over: chown -R "$(id -u)" '${shown}'.`,
    );
  }
  if ((stat.mode & 0o022) !== 0) {
    const mode = (stat.mode & 0o777).toString(8);
    throw new VaultRefused(
      `The Lapse folder ${shown} can be written by other users (mode ${mode}), who could replace its files or plant links in their place. Make it yours alone, then start again: chmod 700 '${shown}'.`,
    );
  }
}
