import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererFileFor } from '../../../electron/shell/renderer-files.js';

const root = path.resolve('/opt/Lapse/resources/app.asar/dist/renderer');

describe('which file an app:// request serves', () => {
  it('serves the page and its assets from the built renderer folder', () => {
    expect(rendererFileFor('app://lapse/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(rendererFileFor('app://lapse/', root)).toBe(path.join(root, 'index.html'));
    expect(rendererFileFor('app://lapse/assets/index-3f2a.js?v=1#x', root)).toBe(
      path.join(root, 'assets', 'index-3f2a.js'),
    );
  });

  it('never serves a file outside the renderer folder, however the path is escaped', () => {
    for (const url of [
      'app://lapse/../../../../etc/passwd',
      'app://lapse/..%2f..%2f..%2fetc%2fpasswd',
      'app://lapse/%2e%2e/%2e%2e/main.js',
      'app://lapse/..%5c..%5cmain.js',
      'app://lapse/assets/..%2F..%2F..%2Fpackage.json',
    ]) {
      const file = rendererFileFor(url, root);
      expect(file === null || file.startsWith(root + path.sep), `${url} -> ${file}`).toBe(true);
    }
    expect(rendererFileFor('app://lapse/..%2f..%2f..%2fetc%2fpasswd', root)).toBeNull();
  });

  it('refuses malformed escapes and NUL bytes rather than guessing', () => {
    expect(rendererFileFor('app://lapse/index.html%00.png', root)).toBeNull();
    expect(rendererFileFor('app://lapse/%E0%A4%A', root)).toBeNull();
  });

  it('serves nothing for another host or scheme', () => {
    expect(rendererFileFor('app://elsewhere/index.html', root)).toBeNull();
    expect(rendererFileFor('file:///opt/Lapse/resources/app.asar/dist/renderer/index.html', root)).toBeNull();
    expect(rendererFileFor('https://lapse/index.html', root)).toBeNull();
  });
});
