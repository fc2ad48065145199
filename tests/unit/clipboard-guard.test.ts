import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clipboardGuard, type ClipboardPort } from '../../electron/vault/clipboard-guard.js';
import { canarySecret } from '../helpers/fake-tokens.js';

/** An OS clipboard in memory, counting clears. */
function fakeClipboard() {
  const board = { text: '', clears: 0 };
  const port: ClipboardPort = {
    writeText: (text) => void (board.text = text),
    readText: () => board.text,
    clear: () => {
      board.text = '';
      board.clears++;
    },
  };
  return { board, port };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('a copied secret on the clipboard', () => {
  it('is there at once, and cleared 30 s later if the clipboard still holds it', () => {
    const { board, port } = fakeClipboard();
    const guard = clipboardGuard(port);
    const secret = canarySecret();
    guard.copy(secret);
    expect(board.text).toBe(secret);
    vi.advanceTimersByTime(29_999);
    expect(board.text).toBe(secret);
    vi.advanceTimersByTime(1);
    expect(board.text).toBe('');
    expect(board.clears).toBe(1);
    expect(guard.clearAfterMs).toBe(30_000);
  });

  it('is not cleared if the user copied something else since: that is theirs', () => {
    const { board, port } = fakeClipboard();
    const guard = clipboardGuard(port);
    guard.copy(canarySecret());
    vi.advanceTimersByTime(10_000);
    port.writeText('something the user copied');
    vi.advanceTimersByTime(60_000);
    expect(board.text).toBe('something the user copied');
    expect(board.clears).toBe(0);
  });

  it('copying again restarts the 30 s from the second copy', () => {
    const { board, port } = fakeClipboard();
    const guard = clipboardGuard(port);
    guard.copy(canarySecret());
    vi.advanceTimersByTime(20_000);
    const second = canarySecret();
    guard.copy(second);
    vi.advanceTimersByTime(20_000);
    expect(board.text).toBe(second);
    vi.advanceTimersByTime(10_000);
    expect(board.text).toBe('');
    expect(board.clears).toBe(1);
  });

  it('is cleared at once on quit (clearNow), and the timer does not clear again later', () => {
    const { board, port } = fakeClipboard();
    const guard = clipboardGuard(port);
    guard.copy(canarySecret());
    guard.clearNow();
    expect(board.text).toBe('');
    port.writeText('copied after quit began');
    vi.advanceTimersByTime(60_000);
    expect(board.text).toBe('copied after quit began');
    expect(board.clears).toBe(1);
  });

  it('on quit, something else the user copied stays', () => {
    const { board, port } = fakeClipboard();
    const guard = clipboardGuard(port);
    guard.copy(canarySecret());
    port.writeText('mine');
    guard.clearNow();
    expect(board.text).toBe('mine');
    expect(board.clears).toBe(0);
  });

  it('quit with nothing copied touches nothing', () => {
    const { board, port } = fakeClipboard();
    port.writeText('mine');
    clipboardGuard(port).clearNow();
    expect(board).toEqual({ text: 'mine', clears: 0 });
  });

  it('takes a shorter window when asked (as KeePassXC does with 10 s)', () => {
    const { board, port } = fakeClipboard();
    const guard = clipboardGuard(port, 10_000);
    guard.copy(canarySecret());
    vi.advanceTimersByTime(10_000);
    expect(board.text).toBe('');
  });
});
