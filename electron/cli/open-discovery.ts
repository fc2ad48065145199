import type { LapseApi } from '../../shared/api.js';
import { discoveryCalls } from '../discovery/discovery-calls.js';
import { keychainServiceName } from '../vault/keychain-service.js';
import { lazyKeychain, lazyStore } from './lazy-parts.js';

/**
 * Only the discovery calls (scan, follow, cancel, list scans, import), over the same vault folder
 * and keychain service as the full service: what `lapse scan` and `lapse import` need, without the
 * providers, reports and rotation engine, and with the store and keychain opened only if a call
 * needs them. The calls' inputs come from the scan and import commands, which build them.
 */
export function openDiscovery(
  home: string,
  env: NodeJS.ProcessEnv,
  now: () => number,
  warn: (text: string) => void,
): LapseApi {
  const parts = {
    keychain: lazyKeychain(keychainServiceName(env), env),
    store: lazyStore(home, warn),
    now,
    userHome: env['HOME'],
  };
  return discoveryCalls(parts) as LapseApi;
}
