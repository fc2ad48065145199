import { describe, expect, it } from 'vitest';
import { senderRefusal } from '../../../electron/shell/sender-check.js';

const mainFrame = (url: string) => ({ url, parent: null });

describe('who may call the vault over IPC', () => {
  it('accepts the main frame of a Lapse window showing Lapse', () => {
    expect(senderRefusal({ frame: mainFrame('app://lapse/index.html'), fromLapseWindow: true })).toBeNull();
    expect(senderRefusal({ frame: mainFrame('app://lapse/index.html#/tokens/abc'), fromLapseWindow: true })).toBeNull();
  });

  it('refuses a window the factory did not make', () => {
    expect(senderRefusal({ frame: mainFrame('app://lapse/index.html'), fromLapseWindow: false })).toMatch(
      /not a Lapse window/,
    );
  });

  it('refuses an embedded frame, even one on the app origin', () => {
    const child = { url: 'app://lapse/index.html', parent: mainFrame('app://lapse/index.html') };
    expect(senderRefusal({ frame: child, fromLapseWindow: true })).toMatch(/main frame/);
  });

  it('refuses a page from anywhere else', () => {
    for (const url of [
      'https://evil.example/',
      'file:///home/me/Downloads/lapse.html',
      'app://evil/index.html',
      'app://lapse.evil/index.html',
      'app://user@lapse/index.html',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      '',
    ]) {
      expect(senderRefusal({ frame: mainFrame(url), fromLapseWindow: true }), url).toMatch(/app origin/);
    }
  });

  it('refuses a frame that has already gone away', () => {
    expect(senderRefusal({ frame: null, fromLapseWindow: true })).toMatch(/gone/);
  });
});
