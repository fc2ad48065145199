import fs from 'node:fs';
import path from 'node:path';
import { emptyVaultFile } from '../vault/empty-vault.js';
import type { Keychain, OsKeychain } from '../vault/keychain.js';
import type { MetadataStore } from '../vault/metadata-store.js';
import { vaultFileName } from '../vault/vault-stamp.js';
import { vouchedVault } from '../vault/vouched-vault.js';

/**
 * The metadata store, opened (with its file engine and schemas) only when a call needs more than
 * reading a vouched-for vault file: a scan of an unchanged vault reads it directly. `recovered` hears
 * of a corrupt file moved aside when the real store opens.
 */
export function lazyStore(home: string, recovered: (message: string) => void): MetadataStore {
  let real: Promise<MetadataStore> | null = null;
  let opened: MetadataStore | null = null;
  const open = () =>
    (real ??= import('../vault/metadata-store.js').then(({ openMetadataStore }) => {
      opened = openMetadataStore(home);
      if (opened.recovery) recovered(opened.recovery.message);
      return opened;
    }));
  return {
    path: path.join(home, vaultFileName),
    get recovery() {
      return opened?.recovery ?? null;
    },
    read: async () =>
      vouchedVault(home) ??
      (opened || fs.existsSync(path.join(home, vaultFileName)) ? (await open()).read() : emptyVaultFile()),
    update: async (change) => (await open()).update(change),
  };
}

/** The OS keychain, its native binding loaded on the first call: a scan of an empty vault never asks it. */
export function lazyKeychain(service: string, env: NodeJS.ProcessEnv): Keychain {
  let real: Promise<OsKeychain> | null = null;
  const open = () =>
    (real ??= import('../vault/keychain.js').then(({ osKeychain }) => osKeychain(service, process.platform, env)));
  return {
    backend:
      process.platform === 'darwin'
        ? 'macOS Keychain'
        : process.platform === 'win32'
          ? 'Windows Credential Manager'
          : 'Secret Service (org.freedesktop.secrets)',
    probe: async () => (await open()).probe(),
    get: async (account) => (await open()).get(account),
    set: async (account, secret) => (await open()).set(account, secret),
    delete: async (account) => (await open()).delete(account),
    accounts: async () => (await open()).accounts(),
    secretsOf: async (wanted) => (await open()).secretsOf(wanted),
  };
}
