import { KeychainError, keychainMessages } from '../../electron/vault/keychain-error.js';
import type { Keychain } from '../../electron/vault/keychain.js';

/**
 * How the in-memory keychain behaves, like the OS keychains Lapse meets:
 * - `ok`: answers.
 * - `unavailable`: no Secret Service (probe and every call: keychain-unavailable).
 * - `locked`: the collection is locked (probe and every call: keychain-locked; never "missing").
 * - `hanging`: every call (probe included) waits until `unhang()`, like a keyring stuck behind an
 *   unlock prompt. The real adapter's 5 s timeout is tested on osKeychain itself.
 */
export type MemoryKeychainMode = 'ok' | 'unavailable' | 'locked' | 'hanging';

export type KeychainOperation = 'probe' | 'get' | 'set' | 'delete';

export interface MemoryKeychain extends Keychain {
  /** Switch behaviour at any time; calls already hanging stay hung until `unhang()`. */
  mode: MemoryKeychainMode;
  /** The stored secrets by account (token id). Tests may edit it, e.g. to remove an entry "by hand". */
  readonly entries: Map<string, string>;
  /** Every call in order, with its account (never the secret). */
  readonly calls: { op: KeychainOperation; account?: string }[];
  /** Make the next call of `op` throw `error` (once), whatever the mode. */
  failNext(op: KeychainOperation, error: unknown): void;
  /** Calls waiting in `hanging` mode. */
  readonly hungCalls: number;
  /** Let every hung call go on as if the keychain had just answered (in the mode current then). */
  unhang(): void;
}

const problemFor = (mode: MemoryKeychainMode): KeychainError | null => {
  if (mode === 'unavailable') return new KeychainError('keychain-unavailable', keychainMessages.noSecretService);
  if (mode === 'locked') return new KeychainError('keychain-locked', keychainMessages.locked);
  return null;
};

/** An in-memory Keychain for service tests: same contract as osKeychain, switchable failures. */
export function memoryKeychain(initial: MemoryKeychainMode = 'ok'): MemoryKeychain {
  const entries = new Map<string, string>();
  const calls: { op: KeychainOperation; account?: string }[] = [];
  const planned = new Map<KeychainOperation, unknown>();
  let waiting: (() => void)[] = [];
  const state = { mode: initial };

  async function call<T>(op: KeychainOperation, account: string | undefined, work: () => T): Promise<T> {
    calls.push(account === undefined ? { op } : { op, account });
    if (state.mode === 'hanging') await new Promise<void>((resolve) => waiting.push(resolve));
    if (planned.has(op)) {
      const error = planned.get(op);
      planned.delete(op);
      throw error;
    }
    return work();
  }

  const usable = () => {
    const problem = problemFor(state.mode);
    if (problem) throw problem;
  };

  return {
    backend: 'in-memory test keychain',
    get mode() {
      return state.mode;
    },
    set mode(mode: MemoryKeychainMode) {
      state.mode = mode;
    },
    entries,
    calls,
    get hungCalls() {
      return waiting.length;
    },
    failNext(op, error) {
      planned.set(op, error);
    },
    unhang() {
      const release = waiting;
      waiting = [];
      for (const go of release) go();
    },
    probe: () => call('probe', undefined, () => problemFor(state.mode)),
    get: (account) =>
      call('get', account, () => {
        usable();
        return entries.get(account) ?? null;
      }),
    set: (account, secret) =>
      call('set', account, () => {
        usable();
        entries.set(account, secret);
      }),
    delete: (account) =>
      call('delete', account, () => {
        usable();
        return entries.delete(account);
      }),
  };
}
