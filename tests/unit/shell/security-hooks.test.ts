import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hardenDefaultSession, lockDownEveryWebContents } from '../../../electron/shell/security-hooks.js';
import { app, cancellableEvent, FakeWebContents, resetFakeElectron, session } from '../../fakes/electron.js';

vi.mock('electron', () => import('../../fakes/electron.js'));

describe('app-wide protections', () => {
  beforeEach(resetFakeElectron);

  it('locks down every web contents the app creates, not only the main window', () => {
    const openLink = vi.fn();
    lockDownEveryWebContents(openLink);
    const devtoolsOrOther = new FakeWebContents();
    app.emit('web-contents-created', {}, devtoolsOrOther);

    expect(devtoolsOrOther.navigate('https://evil.example/')).toBe(false);
    expect(devtoolsOrOther.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    const webview = cancellableEvent();
    devtoolsOrOther.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('offers a refused link to the browser once, even when the window factory also locked it', () => {
    const openLink = vi.fn();
    lockDownEveryWebContents(openLink);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    app.emit('web-contents-created', {}, contents);
    contents.navigate('https://github.com/');
    expect(openLink).toHaveBeenCalledTimes(1);
  });

  it('adds the strict CSP to every response, keeping the other headers', () => {
    hardenDefaultSession();
    const listener = session.defaultSession.headersListener!;
    let answered: Record<string, string[]> | undefined;
    listener(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (response) => (answered = response.responseHeaders),
    );
    expect(answered).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'",
      ],
    });
  });

  it('grants a page no permission at all', () => {
    hardenDefaultSession();
    const granted = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      session.defaultSession.permissionRequestHandler!({}, permission, granted);
      expect(session.defaultSession.permissionCheckHandler!({}, permission)).toBe(false);
    }
    expect(granted.mock.calls.every(([answer]) => answer === false)).toBe(true);
  });
});
