import fs from 'node:fs';
import type { AddTokenInput, AuditApi, RevocationApi, RotationApi, VaultApi, VerifyApi } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { auditCalls } from '../../../electron/audit/audit-calls.js';
import { auditFileOf } from '../../../electron/audit/audit-log.js';
import { revocationCalls } from '../../../electron/lifecycle/revocation-calls.js';
import { rotationCalls } from '../../../electron/lifecycle/rotation-calls.js';
import { verifyCalls } from '../../../electron/providers/verify-calls.js';
import { tokenCalls } from '../../../electron/vault/token-calls.js';
import { openMetadataStore, type MetadataStore } from '../../../electron/vault/metadata-store.js';
import { memoryKeychain, type MemoryKeychain } from '../../helpers/memory-keychain.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { fastHttp, value } from '../providers/verify-harness.js';

/** The lifecycle calls (vault, verify, revoke, rotate, audit) over a temp LAPSE_HOME and an in-memory keychain. */
export interface LifecycleRig {
  home: string;
  store: MetadataStore;
  keychain: MemoryKeychain;
  api: VaultApi & VerifyApi & RevocationApi & RotationApi & AuditApi;
  add(input: AddTokenInput): Promise<TokenView>;
  auditText(): string;
  close(): void;
}

export function lifecycleRig(): LifecycleRig {
  const home = makeTempDir('lapse-lifecycle');
  const store = openMetadataStore(home);
  const keychain = memoryKeychain();
  const parts = { keychain, store, now: Date.now };
  const options = { http: fastHttp };
  const verify = verifyCalls(parts, options);
  const api = {
    ...tokenCalls(parts),
    ...verify,
    ...revocationCalls(parts, options, verify),
    ...rotationCalls(parts, options),
    ...auditCalls(parts),
  };
  return {
    home,
    store,
    keychain,
    api,
    add: async (input) => value(await api.addToken(input)),
    auditText: () => (fs.existsSync(auditFileOf(store)) ? fs.readFileSync(auditFileOf(store), 'utf8') : ''),
    close: () => removeTempDir(home),
  };
}
