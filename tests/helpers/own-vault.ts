import { testServiceName } from './fake-tokens.js';
import { clearKeychainService } from './keychain-session.js';
import { envWithout } from './processes.js';
import { makeTempDir, removeTempDir } from './temp-home.js';
import { freshEachTest } from './lifetimes.js';

/** A vault of one test's own: a fresh temp folder and keychain service name, both removed on close. */
export interface OwnVault {
  /** The fresh temp folder (the LAPSE_HOME, unless a test puts it below). */
  readonly home: string;
  /** The keychain service name only this test uses. */
  readonly service: string;
  /** The environment for `lapse` over this vault, with `extra` on top; without LAPSE_NOW and the `drop` names. */
  env(extra?: NodeJS.ProcessEnv, drop?: string[]): NodeJS.ProcessEnv;
  /** Clear the keychain service and remove the folder. */
  close(): Promise<void>;
}

export function ownVault(label: string): OwnVault {
  const home = makeTempDir(label);
  const service = testServiceName();
  return {
    home,
    service,
    env: (extra = {}, drop = []) => ({
      ...envWithout(['LAPSE_NOW', ...drop]),
      LAPSE_HOME: home,
      LAPSE_KEYCHAIN_SERVICE: service,
      ...extra,
    }),
    close: async () => {
      await clearKeychainService(service);
      removeTempDir(home);
    },
  };
}

/** A fresh `ownVault` for each test of the enclosing file or `describe`. */
export const ownVaultEachTest = (label: string): OwnVault => freshEachTest(() => ownVault(label));
