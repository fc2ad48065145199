// The osKeychain adapter with the native keyring replaced by a scripted one: serialisation, the
// 5 s timeout, error mapping and the "probe before trusting an empty answer" rule, without a bus.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeychainError, keychainMessages } from '../../electron/vault/keychain-error.js';
import { keychainTimeoutMs, osKeychain, probeReuseMs } from '../../electron/vault/keychain.js';
import { probeSecretService } from '../../electron/vault/secret-service.js';
import { fakeTokens } from '../helpers/fake-tokens.js';

type Op = 'get' | 'set' | 'delete';
interface NativeCall {
  op: Op;
  service: string;
  account: string;
  options: unknown;
  signal: AbortSignal | undefined;
  password?: string;
}

const native = vi.hoisted(() => ({
  calls: [] as NativeCall[],
  active: 0,
  maxActive: 0,
  /** What the next native call does; default: answer from `store`. */
  behave: null as null | ((call: NativeCall) => Promise<unknown>),
  store: new Map<string, string>(),
}));

const probe = vi.hoisted(() => ({ result: null as unknown }));

vi.mock('@napi-rs/keyring', () => {
  class AsyncEntry {
    constructor(
      private readonly service: string,
      private readonly account: string,
      private readonly options: unknown,
    ) {}
    private async call(op: Op, signal: AbortSignal | undefined, password?: string): Promise<unknown> {
      const call: NativeCall = {
        op,
        service: this.service,
        account: this.account,
        options: this.options,
        signal,
        password,
      };
      native.calls.push(call);
      native.active++;
      native.maxActive = Math.max(native.maxActive, native.active);
      try {
        if (native.behave) return await native.behave(call);
        await new Promise((r) => setTimeout(r, 5));
        if (op === 'get') return native.store.get(this.account) ?? null;
        if (op === 'set') return void native.store.set(this.account, password as string);
        return native.store.delete(this.account);
      } finally {
        native.active--;
      }
    }
    getPassword(signal?: AbortSignal) {
      return this.call('get', signal);
    }
    setPassword(password: string, signal?: AbortSignal) {
      return this.call('set', signal, password);
    }
    deletePassword(signal?: AbortSignal) {
      return this.call('delete', signal);
    }
  }
  return { AsyncEntry };
});

vi.mock('../../electron/vault/secret-service.js', () => ({
  probeSecretService: vi.fn(async () => probe.result),
}));

beforeEach(() => {
  native.calls.length = 0;
  native.active = 0;
  native.maxActive = 0;
  native.behave = null;
  native.store.clear();
  probe.result = null;
});

afterEach(() => {
  vi.useRealTimers();
});

const never = () => new Promise<never>(() => undefined);

describe('the OS keychain adapter', () => {
  it('keeps one entry per token id under its service name, pinned to the Secret Service store', async () => {
    const kc = osKeychain('lapse-test-adapter', 'linux');
    await kc.set('token-1', 'FAKE-value-1');
    expect(await kc.get('token-1')).toBe('FAKE-value-1');
    expect(native.calls[0]).toMatchObject({
      op: 'set',
      service: 'lapse-test-adapter',
      account: 'token-1',
      options: { linux: { store: 'secret-service' } },
    });
    expect(await kc.delete('token-1')).toBe(true);
    expect(await kc.get('token-1')).toBeNull();
  });

  it('runs one call at a time, in order', async () => {
    const kc = osKeychain('lapse-test-adapter', 'linux');
    await Promise.all(Array.from({ length: 6 }, (_, i) => kc.set(`token-${i}`, `FAKE-${i}`)));
    await Promise.all(Array.from({ length: 6 }, (_, i) => kc.get(`token-${i}`)));
    expect(native.maxActive).toBe(1);
    expect(native.calls.filter((c) => c.op === 'set').map((c) => c.account)).toEqual(
      Array.from({ length: 6 }, (_, i) => `token-${i}`),
    );
  });

  it('gives up on a keychain that never answers after 5 s with keychain-timeout, and aborts the call', async () => {
    vi.useFakeTimers();
    native.behave = never;
    const kc = osKeychain('lapse-test-adapter', 'linux');
    const outcome = kc.get('token-1').then(
      () => 'answered',
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(keychainTimeoutMs - 1);
    expect(native.calls).toHaveLength(1);
    let settled = false;
    void outcome.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(KeychainError);
    expect(error).toMatchObject({ code: 'keychain-timeout', message: keychainMessages.timeout });
    expect(native.calls[0]?.signal?.aborted).toBe(true);
  });

  it('a call that answers its abort with a "locked"-sounding error is still reported as not answering, never as locked', async () => {
    vi.useFakeTimers();
    // What the native keyring does when a hung daemon's call is aborted: it rejects, in words of its own.
    native.behave = (call) =>
      new Promise((_, reject) =>
        call.signal?.addEventListener('abort', () => reject(new Error('The collection is locked.'))),
      );
    const kc = osKeychain('lapse-test-adapter', 'linux');
    const outcome = kc.set('token-1', 'FAKE').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(keychainTimeoutMs + 10);
    expect(await outcome).toMatchObject({ code: 'keychain-timeout', message: keychainMessages.timeout });
    expect(keychainMessages.timeout).toMatch(/not answering/);
  });

  it('D-Bus\'s "Did not receive a reply" (whose text says "blocked") is not answering, not locked', async () => {
    native.behave = () =>
      Promise.reject(
        new Error(
          'Platform failure: DBus error: Did not receive a reply. Possible causes include: the remote application did not send a reply, the message bus security policy blocked the reply, the reply timeout expired, or the network connection was broken.',
        ),
      );
    const kc = osKeychain('lapse-test-adapter', 'linux');
    expect(await kc.get('token-1').catch((e: unknown) => e)).toMatchObject({
      code: 'keychain-timeout',
      message: keychainMessages.timeout,
    });
  });

  it('after a timeout the next call still runs (a hung call does not block the queue forever)', async () => {
    vi.useFakeTimers();
    const kc = osKeychain('lapse-test-adapter', 'linux');
    native.behave = async (call) => {
      if (call.account === 'token-1') return never();
      native.store.set(call.account, call.password as string);
    };
    const hung = kc.set('token-1', 'FAKE').catch((e: unknown) => e);
    const next = kc.set('token-2', 'FAKE-2');
    await vi.advanceTimersByTimeAsync(keychainTimeoutMs + 10);
    expect(await hung).toMatchObject({ code: 'keychain-timeout' });
    await next;
    expect(native.store.get('token-2')).toBe('FAKE-2');
  });

  it.each([
    ['Cannot get secret: the collection is locked', 'keychain-locked', keychainMessages.locked],
    ['The prompt was dismissed by the user', 'keychain-locked', keychainMessages.locked],
    [
      'Platform secure storage failure: DBus error: org.freedesktop.DBus.Error.ServiceUnknown',
      'keychain-unavailable',
      keychainMessages.noBus,
    ],
    ['Something else entirely', 'keychain-unavailable', keychainMessages.failed],
  ])('a native error "%s" becomes %s with a fixed message', async (text, code, message) => {
    const secret = fakeTokens.githubClassic();
    native.behave = async () => {
      throw new Error(`${text} (while storing ${secret})`);
    };
    const kc = osKeychain('lapse-test-adapter', 'linux');
    const error = await kc.set('token-1', secret).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainError);
    expect(error).toMatchObject({ code, message });
    expect((error as Error).message).not.toContain(secret);
  });

  it('an empty answer is "missing" only when the probe says the keychain is fine', async () => {
    const kc = osKeychain('lapse-test-adapter', 'linux');
    expect(await kc.get('nobody')).toBeNull();
    probe.result = new KeychainError('keychain-locked', keychainMessages.locked);
    await expect(kc.get('nobody')).rejects.toMatchObject({ code: 'keychain-locked' });
  });

  it('set and delete refuse without touching the keyring when the probe reports a problem', async () => {
    probe.result = new KeychainError('keychain-unavailable', keychainMessages.noSecretService);
    const kc = osKeychain('lapse-test-adapter', 'linux');
    await expect(kc.set('token-1', 'FAKE')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    await expect(kc.delete('token-1')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    expect(native.calls).toEqual([]);
  });

  it('get does not touch the keyring either when the probe reports no Secret Service (asking would D-Bus-start a locked one)', async () => {
    probe.result = new KeychainError('keychain-unavailable', keychainMessages.noSecretService);
    const kc = osKeychain('lapse-test-adapter', 'linux');
    await expect(kc.get('token-1')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    expect(native.calls).toEqual([]);
  });

  it('asks D-Bus once for an operation over several entries, again after a second, and never reuses a failure', async () => {
    const asked = vi.mocked(probeSecretService);
    asked.mockClear();
    const kc = osKeychain('lapse-test-adapter', 'linux');
    await kc.set('token-1', 'FAKE-value-1');
    await kc.delete('token-1#client');
    await kc.delete('token-1#refresh');
    expect(asked).toHaveBeenCalledTimes(1);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + probeReuseMs + 1);
    await kc.delete('token-1');
    expect(asked).toHaveBeenCalledTimes(2);

    probe.result = new KeychainError('keychain-locked', keychainMessages.locked);
    vi.setSystemTime(Date.now() + probeReuseMs + 1);
    await expect(kc.set('token-2', 'FAKE-value-2')).rejects.toMatchObject({ code: 'keychain-locked' });
    await expect(kc.set('token-2', 'FAKE-value-2')).rejects.toMatchObject({ code: 'keychain-locked' });
    expect(asked).toHaveBeenCalledTimes(4);
  });

  it('names its backend per platform and only probes the Secret Service on Linux', async () => {
    expect(osKeychain('s', 'linux').backend).toBe('Secret Service (org.freedesktop.secrets)');
    expect(osKeychain('s', 'darwin').backend).toBe('macOS Keychain');
    expect(osKeychain('s', 'win32').backend).toBe('Windows Credential Manager');
    probe.result = new KeychainError('keychain-unavailable', keychainMessages.noBus);
    expect(await osKeychain('s', 'darwin').probe()).toBeNull();
    expect(await osKeychain('s', 'linux').probe()).toMatchObject({ code: 'keychain-unavailable' });
  });
});
