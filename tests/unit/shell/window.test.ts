import path from 'node:path';
import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLapseWindow, isLapseWindow, preloadPath } from '../../../electron/shell/window.js';
import { BrowserWindow, cancellableEvent, resetFakeElectron } from '../../fakes/electron.js';

vi.mock('electron', () => import('../../fakes/electron.js'));

function openWindow() {
  const openLink = vi.fn<(url: string) => void>();
  createLapseWindow(openLink);
  const window = BrowserWindow.created.at(-1);
  if (!window) throw new Error('the factory made no window');
  return { window, openLink };
}

describe('the Lapse window', () => {
  beforeEach(resetFakeElectron);

  it('runs its page sandboxed and isolated, with no Node and default web security', () => {
    const { window } = openWindow();
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
    expect(prefs).not.toHaveProperty('webSecurity');
    expect(prefs).not.toHaveProperty('allowRunningInsecureContent');
  });

  it('uses the bundled preload that sits beside the compiled shell', () => {
    const { window } = openWindow();
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(prefs['preload']).toBe(preloadPath);
    expect(path.basename(preloadPath)).toBe('preload.cjs');
    expect(path.isAbsolute(preloadPath)).toBe(true);
  });

  it("loads Lapse's own page from the app origin, not from the web or file://", () => {
    const { window } = openWindow();
    expect(window.loadURL).toHaveBeenCalledWith('app://lapse/index.html');
  });

  it('stays hidden until its page is ready, so no blank window flashes', () => {
    const { window } = openWindow();
    expect(window.options['show']).toBe(false);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('never navigates away; the link is offered to the system browser instead', () => {
    const { window, openLink } = openWindow();
    expect(window.webContents.navigate('https://evil.example/phish')).toBe(false);
    expect(window.webContents.navigate('https://github.com/settings/tokens')).toBe(false);
    expect(openLink.mock.calls).toEqual([['https://evil.example/phish'], ['https://github.com/settings/tokens']]);
  });

  it('denies window.open; the link is offered to the system browser instead', () => {
    const { window, openLink } = openWindow();
    expect(window.webContents.openWindow('https://github.com/settings/tokens')).toEqual({ action: 'deny' });
    expect(window.webContents.openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(openLink).toHaveBeenCalledWith('https://github.com/settings/tokens');
  });

  it('refuses to attach a <webview>', () => {
    const { window } = openWindow();
    const event = cancellableEvent();
    window.webContents.emit('will-attach-webview', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('is recognised as a Lapse window until it closes', () => {
    const { window } = openWindow();
    const contents = window.webContents as unknown as WebContents;
    expect(isLapseWindow(contents)).toBe(true);
    window.close();
    expect(isLapseWindow(contents)).toBe(false);
  });
});
