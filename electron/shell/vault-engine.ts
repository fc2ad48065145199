import ElectronStore from 'electron-store';
import type { StoreEngine } from '../vault/metadata-store.js';
import type { VaultFile } from '../vault/vault-file.js';

type EngineOptions = ConstructorParameters<StoreEngine>[0];

/**
 * electron-store as the metadata store's engine. It names the file by `name` and overwrites
 * `configName` with it (default "config"), so the name is passed on: the app and the CLI must
 * write the same vault.json.
 */
export const electronStoreEngine = class VaultElectronStore extends ElectronStore<VaultFile> {
  constructor(options?: EngineOptions) {
    super({ ...options, name: options?.configName ?? 'vault' });
  }
} as unknown as StoreEngine;
