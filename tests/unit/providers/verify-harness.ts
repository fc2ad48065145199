import type { AddTokenInput, VaultApi, VerifyApi, VerifyResult } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import type { Result } from '../../../shared/result.js';
import { verifyCalls, type VerifyCallOptions } from '../../../electron/providers/verify-calls.js';
import { tokenCalls } from '../../../electron/vault/token-calls.js';
import { openMetadataStore, type MetadataStore } from '../../../electron/vault/metadata-store.js';
import { memoryKeychain, type MemoryKeychain } from '../../helpers/memory-keychain.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

/** Short provider timeouts, so each fault test ends within a few seconds. */
export const fastHttp: NonNullable<VerifyCallOptions['http']> = {
  firstByteTimeoutMs: 400,
  totalTimeoutMs: 1_500,
  maxRateWaitMs: 3_000,
  retries: 1,
};

/** The service's vault and verify calls over a temp LAPSE_HOME and an in-memory keychain. */
export interface VerifyHarness {
  home: string;
  store: MetadataStore;
  keychain: MemoryKeychain;
  vault: VaultApi;
  verify: VerifyApi;
  /** Add a token through the vault (secret into the keychain, metadata into the store). */
  add(input: AddTokenInput): Promise<TokenView>;
  /** Verify one token and return its result; throws on a failed call. */
  check(id: string): Promise<VerifyResult>;
  close(): void;
}

export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function verifyHarness(options: VerifyCallOptions = { http: fastHttp }): VerifyHarness {
  const home = makeTempDir('lapse-verify');
  const store = openMetadataStore(home);
  const keychain = memoryKeychain();
  const parts = { keychain, store, now: Date.now };
  const vault = tokenCalls(parts);
  const verify = verifyCalls(parts, options);
  return {
    home,
    store,
    keychain,
    vault,
    verify,
    add: async (input) => value(await vault.addToken(input)),
    check: async (id) => value(await verify.verifyToken({ id })),
    close: () => removeTempDir(home),
  };
}
