import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiMethods } from '../../../shared/api.js';
import { contextBridge, ipcRenderer } from '../../fakes/electron.js';

vi.mock('electron', () => import('../../fakes/electron.js'));

let exposed: Record<string, unknown>;
beforeAll(async () => {
  await import('../../../electron/shell/preload.js');
  exposed = contextBridge.exposed.get('lapse') as Record<string, unknown>;
});
beforeEach(() => ipcRenderer.invoke.mockClear());

describe('what the preload gives the page', () => {
  it('exposes exactly two named bridges to the page: window.lapse and window.lapseEvents', () => {
    expect([...contextBridge.exposed.keys()].sort()).toEqual(['lapse', 'lapseEvents']);
  });

  it('tells the page which token a notification opened: the id only, never the IPC event', () => {
    const events = contextBridge.exposed.get('lapseEvents') as { onOpenToken(cb: (id: string) => void): () => void };
    const seen: unknown[][] = [];
    const stop = events.onOpenToken((...args: unknown[]) => seen.push(args));
    const ipcEvent = { sender: 'the real sender' };
    ipcRenderer.emit('lapse:open-token', ipcEvent, 'abcdef12-3456');
    ipcRenderer.emit('lapse:open-token', ipcEvent, { not: 'an id' });
    stop();
    ipcRenderer.emit('lapse:open-token', ipcEvent, 'after-stop-0000');
    expect(seen).toEqual([['abcdef12-3456']]);
  });

  it('tells the page the vault folder changed (the CLI, another window): only the kinds, as strings, never the IPC event', () => {
    const events = contextBridge.exposed.get('lapseEvents') as { onChanged(cb: (kinds: string[]) => void): () => void };
    const seen: unknown[][] = [];
    const stop = events.onChanged((...args: unknown[]) => seen.push(args));
    const ipcEvent = { sender: 'the real sender' };
    ipcRenderer.emit('lapse:changed', ipcEvent, ['vault', { evil: true }, 'audit']);
    ipcRenderer.emit('lapse:changed', ipcEvent, 'not a list');
    stop();
    ipcRenderer.emit('lapse:changed', ipcEvent, ['journal']);
    expect(seen).toEqual([[['vault', 'audit']]]);
  });

  it('offers exactly the contract methods, each as a function', () => {
    expect(Object.keys(exposed).sort()).toEqual([...apiMethods].sort());
    for (const member of Object.values(exposed)) expect(typeof member).toBe('function');
  });

  it('never hands the page ipcRenderer or any way to reach other channels', () => {
    expect(Object.values(exposed)).not.toContain(ipcRenderer);
    expect(Object.values(exposed)).not.toContain(ipcRenderer.invoke);
    expect(exposed).not.toHaveProperty('invoke');
    expect(exposed).not.toHaveProperty('send');
    expect(exposed).not.toHaveProperty('on');
  });

  it('sends each call on its own lapse:<method> channel with only its one argument', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { tokens: [], evaluatedAt: '2026-01-01T00:00:00Z' } });
    const listTokens = exposed['listTokens'] as (arg: unknown, extra?: unknown) => Promise<unknown>;
    await expect(listTokens({}, 'smuggled')).resolves.toMatchObject({ ok: true });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('lapse:listTokens', {});

    const getToken = exposed['getToken'] as (arg: unknown) => Promise<unknown>;
    await getToken({ id: 'abcdef12-3456' });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('lapse:getToken', { id: 'abcdef12-3456' });
  });
});
