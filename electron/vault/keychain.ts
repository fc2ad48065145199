import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { KeychainError, keychainMessages } from './keychain-error.js';
import { probeSecretService } from './secret-service.js';

/** The OS keychain as Lapse uses it: one entry per token id under one service name. */
export interface Keychain {
  /** What stores the secrets, in words a person recognises. */
  readonly backend: string;
  /** Null when usable; otherwise what is wrong and what to do. */
  probe(): Promise<KeychainError | null>;
  /** The secret, or null when there is no entry. Throws KeychainError when the keychain can't answer. */
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when an entry was removed. */
  delete(account: string): Promise<boolean>;
  /**
   * Every account that has an entry, in one search (no secret is kept). Optional: without it,
   * callers ask `get` per account.
   */
  accounts?(): Promise<Set<string>>;
  /**
   * The secrets of `wanted` that have an entry, in one search (the others are dropped as the answer
   * is read). Optional: without it, callers ask `get` per account.
   */
  secretsOf?(wanted: ReadonlySet<string>): Promise<Map<string, string>>;
}

/** The OS keychain: every optional call of Keychain is there. */
export type OsKeychain = Keychain & Required<Pick<Keychain, 'accounts' | 'secretsOf'>>;

export const keychainTimeoutMs = 5000;

/** How long a "the keychain is usable" answer is reused before entry calls. */
export const probeReuseMs = 1000;

const backendName: Record<string, string> = {
  linux: 'Secret Service (org.freedesktop.secrets)',
  darwin: 'macOS Keychain',
  win32: 'Windows Credential Manager',
};

function asKeychainError(error: unknown): KeychainError {
  if (error instanceof KeychainError) return error;
  const text = String((error as Error)?.message ?? error);
  // D-Bus's own reply timeout ("Did not receive a reply … blocked the reply …"): a hung daemon, not a locked one.
  if (/did not receive a reply|NoReply|timeout expired/i.test(text))
    return new KeychainError('keychain-timeout', keychainMessages.timeout);
  if (/prompt was dismissed|\blocked\b/i.test(text))
    return new KeychainError('keychain-locked', keychainMessages.locked);
  if (/DBUS_SESSION_BUS_ADDRESS|dbus/i.test(text))
    return new KeychainError('keychain-unavailable', keychainMessages.noBus);
  return new KeychainError('keychain-unavailable', keychainMessages.failed);
}

/**
 * The real OS keychain via @napi-rs/keyring. Calls are serialised (one at a time, like a person
 * at a counter) and each gives up after 5 s, so a hung keyring never freezes Lapse. On Linux the
 * store is pinned to the Secret Service: never the kernel keyring, which is lost on reboot.
 */
export function osKeychain(
  service: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): OsKeychain {
  let queue: Promise<unknown> = Promise.resolve();
  let usableAt = -Infinity;
  /** Asks D-Bus now; remembers only a usable answer, never a failure. */
  const probe = async () => {
    const problem = platform === 'linux' ? await probeSecretService(env) : null;
    usableAt = problem ? -Infinity : Date.now();
    return problem;
  };
  // Before each entry call: a usable answer from the last second stands, so one operation over
  // several entries (a token and its companions, a scan's vault digest) asks D-Bus once.
  const recentProbe = () => (Date.now() - usableAt < probeReuseMs ? Promise.resolve(null) : probe());

  function serial<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const next = queue.then(async () => {
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const notAnswering = new KeychainError('keychain-timeout', keychainMessages.timeout);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(notAnswering);
          controller.abort();
        }, keychainTimeoutMs);
      });
      try {
        return await Promise.race([work(controller.signal), timeout]);
      } catch (error) {
        // Past the deadline, whatever the aborted call says ("locked", "cancelled") is not why it failed.
        throw controller.signal.aborted ? notAnswering : asKeychainError(error);
      } finally {
        clearTimeout(timer);
      }
    });
    queue = next.catch(() => undefined);
    return next;
  }

  const entry = (account: string) => {
    try {
      return new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
    } catch (error) {
      throw asKeychainError(error);
    }
  };

  return {
    backend: backendName[platform] ?? 'OS keychain',
    probe,
    async get(account) {
      // Probe first: asking a bus with no keyring running would D-Bus-start a locked one, whose
      // "nothing" would then read as "no such entry".
      const problem = await recentProbe();
      if (problem) throw problem;
      const value = await serial((signal) => entry(account).getPassword(signal));
      if (value !== null) return value;
      // A keyring locked since the probe also answers "nothing": check again before saying "missing".
      const lockedSince = await probe();
      if (lockedSince) throw lockedSince;
      return null;
    },
    async set(account, secret) {
      const problem = await recentProbe();
      if (problem) throw problem;
      await serial((signal) => entry(account).setPassword(secret, signal));
    },
    async delete(account) {
      const problem = await recentProbe();
      if (problem) throw problem;
      return serial((signal) => entry(account).deletePassword(signal));
    },
    async accounts() {
      const problem = await probe();
      if (problem) throw problem;
      // The search answers with each entry's value too: only the account names are kept.
      const found = await serial((signal) => findCredentialsAsync(service, null, signal));
      return new Set(found.map((credential) => credential.account));
    },
    async secretsOf(wanted) {
      // Asked right after a probe (the scan's vault digest): that answer stands.
      const problem = await recentProbe();
      if (problem) throw problem;
      const found = await serial((signal) => findCredentialsAsync(service, null, signal));
      return new Map(found.flatMap((c) => (wanted.has(c.account) ? [[c.account, c.password] as const] : [])));
    },
  };
}
