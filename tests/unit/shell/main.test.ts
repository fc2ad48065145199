import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiMethods } from '../../../shared/api.js';
import type * as FakeElectron from '../../fakes/electron.js';
import { randomAlnum } from '../../helpers/fake-tokens.js';

vi.mock('electron', () => import('../../fakes/electron.js'));
// conf stands in for electron-store, which needs the Electron runtime (vault-engine.test covers the file name).
vi.mock('electron-store', async () => ({ default: (await import('conf')).default }));
// An in-memory keychain stands in for the OS one, under whatever service name main asks for.
vi.mock('../../../electron/vault/keychain.js', async (importOriginal) => {
  const entries = new Map<string, string>();
  return {
    ...(await importOriginal<object>()),
    osKeychain: vi.fn(() => ({
      backend: 'memory',
      probe: async () => null,
      get: async (account: string) => entries.get(account) ?? null,
      set: async (account: string, secret: string) => void entries.set(account, secret),
      delete: async (account: string) => entries.delete(account),
    })),
  };
});

// Built at run time: a canary with GitHub's shape, never a literal that looks like a leak.
const canary = `ghp_CANARY${randomAlnum(30)}`;
let home: string;

/** Starts Lapse afresh (main.ts runs at import) against fresh fakes; resolves once it is ready. */
async function launch(setup: (fake: typeof FakeElectron) => void = () => undefined) {
  vi.resetModules();
  const fake = await import('../../fakes/electron.js');
  fake.resetFakeElectron();
  setup(fake);
  await import('../../../electron/shell/main.js');
  if (fake.app.hasSingleInstanceLock) {
    await vi.waitFor(() =>
      expect(fake.BrowserWindow.created.length + fake.dialog.showErrorBox.mock.calls.length).toBe(1),
    );
  }
  return fake;
}

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'lapse-main-'));
  vi.stubEnv('LAPSE_HOME', home);
});
afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('starting Lapse', () => {
  it('lets a second copy hand over to the first and quit before doing anything', async () => {
    const fake = await launch((f) => (f.app.hasSingleInstanceLock = false));
    expect(fake.app.quit).toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.BrowserWindow.created).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('sandboxes every renderer, serves app://, answers every contract method and opens one window', async () => {
    const fake = await launch();
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(fake.protocol.handlers.has('app')).toBe(true);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(apiMethods.map((m) => `lapse:${m}`).sort());
    expect(fake.BrowserWindow.created).toHaveLength(1);
    expect(fake.session.defaultSession.headersListener).not.toBeNull();
  });

  it('focuses the open window when Lapse is launched again', async () => {
    const fake = await launch();
    fake.app.emit('second-instance');
    expect(fake.BrowserWindow.created).toHaveLength(1);
    expect(fake.BrowserWindow.created[0]!.focus).toHaveBeenCalled();
  });

  it('keeps the vault in LAPSE_HOME as vault.json, where the CLI looks', async () => {
    const fake = await launch();
    const window = fake.BrowserWindow.created[0]!;
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await fake.ipcMain.invoke('lapse:addToken', fromWindow, { label: 'deploy', secret: canary });
    expect(fs.readdirSync(home)).toContain('vault.json');
    expect(fs.readFileSync(path.join(home, 'vault.json'), 'utf8')).not.toContain(canary);
  });

  it("uses Electron's per-user folder when LAPSE_HOME is not set", async () => {
    vi.stubEnv('LAPSE_HOME', '');
    const fake = await launch((f) => (f.app.userData = home));
    const window = fake.BrowserWindow.created[0]!;
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await fake.ipcMain.invoke('lapse:addToken', fromWindow, { label: 'deploy', secret: canary });
    expect(fake.app.getPath).toHaveBeenCalledWith('userData');
    expect(fs.readdirSync(home)).toContain('vault.json');
  });

  it('wipes a copied secret from the clipboard when Lapse quits', async () => {
    const fake = await launch();
    const window = fake.BrowserWindow.created[0]!;
    const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const added = (await fake.ipcMain.invoke('lapse:addToken', fromWindow, { label: 'deploy', secret: canary })) as {
      value: { id: string };
    };
    expect(await fake.ipcMain.invoke('lapse:copySecret', fromWindow, { id: added.value.id })).toMatchObject({
      ok: true,
    });
    expect(fake.clipboard.text).toBe(canary);
    fake.app.emit('before-quit');
    expect(fake.clipboard.text).toBe('');
  });

  it('tells the user and exits when the vault folder cannot be opened', async () => {
    const notAFolder = path.join(home, 'file');
    fs.writeFileSync(notAFolder, '');
    vi.stubEnv('LAPSE_HOME', notAFolder);
    const fake = await launch();
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('Lapse could not start', expect.any(String));
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.BrowserWindow.created).toHaveLength(0);
  });
});
