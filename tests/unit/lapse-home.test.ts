import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lapseHome } from '../../electron/vault/lapse-home.js';

describe('where Lapse keeps its metadata', () => {
  it('--home wins, then LAPSE_HOME, both made absolute', () => {
    expect(lapseHome('/srv/lapse', { LAPSE_HOME: '/elsewhere' }, 'linux')).toBe('/srv/lapse');
    expect(lapseHome(undefined, { LAPSE_HOME: '/elsewhere' }, 'linux')).toBe('/elsewhere');
    expect(lapseHome(undefined, { LAPSE_HOME: 'relative/dir' }, 'linux')).toBe(path.resolve('relative/dir'));
  });

  it('otherwise the folder the desktop app uses, per platform', () => {
    expect(lapseHome(undefined, { XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/Lapse');
    expect(lapseHome(undefined, {}, 'linux')).toBe(path.join(os.homedir(), '.config', 'Lapse'));
    expect(lapseHome(undefined, {}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Application Support', 'Lapse'));
    expect(lapseHome(undefined, { APPDATA: 'C:\\Users\\x\\AppData\\Roaming' }, 'win32')).toBe(
      path.join('C:\\Users\\x\\AppData\\Roaming', 'Lapse'),
    );
  });

  it('an empty LAPSE_HOME counts as unset', () => {
    expect(lapseHome(undefined, { LAPSE_HOME: '', XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/Lapse');
  });
});
