import fs from 'node:fs';
import type { LapseApi } from '../../../shared/api.js';
import { auditFileOf } from '../../../electron/audit/audit-log.js';
import { createLapseService } from '../../../electron/service.js';
import { openMetadataStore, type MetadataStore } from '../../../electron/vault/metadata-store.js';
import type { OidcEmulator } from '../../emulators/oidc.js';
import { memoryKeychain, type MemoryKeychain } from '../../helpers/memory-keychain.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { value } from '../providers/verify-harness.js';

/** The whole service over a temp LAPSE_HOME and an in-memory keychain, for authorizing at a real oidc-provider. */
export interface AuthorizeRig {
  store: MetadataStore;
  keychain: MemoryKeychain;
  api: LapseApi;
  auditText(): string;
  /** Authorize a new token at `oidc` in a browser (the dev login and consent pages), with these scopes. */
  issue(oidc: OidcEmulator, scopes: string[], login?: string): Promise<string>;
  close(): void;
}

export function authorizeRig(): AuthorizeRig {
  const home = makeTempDir('lapse-authorize');
  const store = openMetadataStore(home);
  const keychain = memoryKeychain();
  const api = createLapseService(
    { keychain, store, now: Date.now },
    { http: { firstByteTimeoutMs: 2_000, totalTimeoutMs: 5_000, retries: 1 } },
  );
  return {
    store,
    keychain,
    api,
    auditText: () => (fs.existsSync(auditFileOf(store)) ? fs.readFileSync(auditFileOf(store), 'utf8') : ''),
    async issue(oidc, scopes, login = 'alice') {
      const start = value(
        await api.startAuthorization({
          issuer: oidc.issuer,
          clientId: oidc.nativeClient.id,
          clientSecret: oidc.nativeClient.secret,
          scopes,
          label: 'agent tool',
          method: 'loopback',
        }),
      );
      await oidc.approveInBrowser(start.authorizationUrl ?? '', login);
      const outcome = value(await api.finishAuthorization({ flowId: start.flowId, waitMs: 10_000 }));
      if (outcome.state !== 'issued' || !outcome.token) throw new Error(`not issued: ${outcome.message}`);
      return outcome.token.id;
    },
    close: () => removeTempDir(home),
  };
}
