import type { VaultFile } from './vault-file.js';

/**
 * The vault before anything was stored, as validating `{ version: 1, tokens: {} }` gives it
 * (vault-file.ts emptyVault; a test keeps the two equal), for readers that skip the schemas.
 */
export const emptyVaultFile = (): VaultFile => ({
  version: 1,
  tokens: {},
  policy: {},
  reminders: { tokens: {}, fired: {}, snoozed: {}, keepInTray: true, startAtLogin: false },
  deleted: {},
});
