import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiMethods, type LapseApi } from '../../../shared/api.js';
import { ok } from '../../../shared/result.js';
import { createLapseService } from '../../../electron/service.js';
import { registerIpcHost } from '../../../electron/shell/ipc-host.js';
import { createLapseWindow } from '../../../electron/shell/window.js';
import type { Keychain } from '../../../electron/vault/keychain.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { BrowserWindow, FakeFrame, ipcMain, resetFakeElectron } from '../../fakes/electron.js';
import { randomAlnum } from '../../helpers/fake-tokens.js';

vi.mock('electron', () => import('../../fakes/electron.js'));

// Built at run time: a canary with GitHub's shape, never a literal that looks like a leak.
const canary = `ghp_CANARY${randomAlnum(30)}`;

function memoryKeychain(): Keychain {
  const entries = new Map<string, string>();
  return {
    backend: 'memory',
    probe: async () => null,
    get: async (account) => entries.get(account) ?? null,
    set: async (account, secret) => void entries.set(account, secret),
    delete: async (account) => entries.delete(account),
  };
}

/** A service whose every method records its call and answers ok. */
function recordingService() {
  return Object.fromEntries(apiMethods.map((method) => [method, vi.fn(async () => ok({}))])) as unknown as LapseApi &
    Record<string, ReturnType<typeof vi.fn>>;
}

/** A window made by the factory, showing Lapse, and the IPC event its main frame would send. */
function lapseWindow() {
  createLapseWindow(() => undefined);
  const window = BrowserWindow.created.at(-1)!;
  return { window, fromMainFrame: { sender: window.webContents, senderFrame: window.webContents.mainFrame } };
}

const refusedAnswer = {
  ok: false,
  error: { code: 'transport', message: 'This request did not come from a Lapse window, so it was refused.' },
};

let home: string;
beforeEach(() => {
  resetFakeElectron();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'lapse-ipc-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the IPC host', () => {
  it('answers every contract method on its own lapse:<method> channel, and nothing else', () => {
    registerIpcHost(recordingService());
    expect([...ipcMain.handlers.keys()].sort()).toEqual(apiMethods.map((method) => `lapse:${method}`).sort());
  });

  it('lets the Lapse window add a token and then list it, with the secret only in the keychain', async () => {
    const keychain = memoryKeychain();
    const service = createLapseService({
      keychain,
      store: openMetadataStore(home),
      now: () => Date.parse('2026-01-01T00:00:00Z'),
    });
    registerIpcHost(service);
    const { fromMainFrame } = lapseWindow();

    const added = (await ipcMain.invoke('lapse:addToken', fromMainFrame, { label: 'CI deploy', secret: canary })) as {
      ok: true;
      value: { id: string; provider: string };
    };
    expect(added.ok).toBe(true);
    expect(added.value.provider).toBe('github');
    const listed = await ipcMain.invoke('lapse:listTokens', fromMainFrame, {});
    expect(listed).toMatchObject({ ok: true, value: { tokens: [{ id: added.value.id, label: 'CI deploy' }] } });
    expect(JSON.stringify(listed)).not.toContain(canary);
    expect(await keychain.get(added.value.id)).toBe(canary);
  });

  it("parses each argument with the contract's schema before the service sees it", async () => {
    const service = recordingService();
    registerIpcHost(service);
    const { fromMainFrame } = lapseWindow();

    expect(await ipcMain.invoke('lapse:getToken', fromMainFrame, { id: 'not a token id!' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await ipcMain.invoke('lapse:listTokens', fromMainFrame, { sneaky: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(service.getToken).not.toHaveBeenCalled();
    expect(service.listTokens).not.toHaveBeenCalled();

    await ipcMain.invoke('lapse:getToken', fromMainFrame, { id: 'abcdef12-3456' });
    expect(service.getToken).toHaveBeenCalledWith({ id: 'abcdef12-3456' });
  });

  it('refuses a window the factory did not make', async () => {
    const service = recordingService();
    registerIpcHost(service);
    const stranger = new BrowserWindow({});
    stranger.webContents.mainFrame.url = 'app://lapse/index.html';
    const answer = await ipcMain.invoke(
      'lapse:revealSecret',
      { sender: stranger.webContents, senderFrame: stranger.webContents.mainFrame },
      { id: 'abcdef12-3456' },
    );
    expect(answer).toEqual(refusedAnswer);
    expect(service.revealSecret).not.toHaveBeenCalled();
  });

  it('refuses an embedded frame inside a Lapse window', async () => {
    const service = recordingService();
    registerIpcHost(service);
    const { window } = lapseWindow();
    const child = new FakeFrame('app://lapse/index.html', window.webContents.mainFrame);
    const answer = await ipcMain.invoke(
      'lapse:revealSecret',
      { sender: window.webContents, senderFrame: child },
      { id: 'abcdef12-3456' },
    );
    expect(answer).toEqual(refusedAnswer);
    expect(service.revealSecret).not.toHaveBeenCalled();
  });

  it('refuses a Lapse window once it shows a foreign page', async () => {
    const service = recordingService();
    registerIpcHost(service);
    const { window, fromMainFrame } = lapseWindow();
    window.webContents.mainFrame.url = 'https://evil.example/';
    expect(await ipcMain.invoke('lapse:copySecret', fromMainFrame, { id: 'abcdef12-3456' })).toEqual(refusedAnswer);
    expect(service.copySecret).not.toHaveBeenCalled();
  });

  it('refuses a message whose frame is already gone, and a closed window', async () => {
    const service = recordingService();
    registerIpcHost(service);
    const { window, fromMainFrame } = lapseWindow();
    expect(await ipcMain.invoke('lapse:listTokens', { sender: window.webContents, senderFrame: null }, {})).toEqual(
      refusedAnswer,
    );
    window.close();
    expect(await ipcMain.invoke('lapse:listTokens', fromMainFrame, {})).toEqual(refusedAnswer);
    expect(service.listTokens).not.toHaveBeenCalled();
  });

  it('can be taken down again, leaving no handler behind', () => {
    const unregister = registerIpcHost(recordingService());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
