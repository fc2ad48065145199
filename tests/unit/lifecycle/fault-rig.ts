import fs from 'node:fs';
import type { AddTokenInput, AuditApi, RevocationApi, RotationApi, VaultApi, VerifyApi } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { auditCalls } from '../../../electron/audit/audit-calls.js';
import { auditFileOf } from '../../../electron/audit/audit-log.js';
import { providerSession, type ProviderCallOptions } from '../../../electron/providers/provider-session.js';
import { revocationCalls } from '../../../electron/lifecycle/revocation-calls.js';
import { resumeRotations, rotationCalls } from '../../../electron/lifecycle/rotation-calls.js';
import { unfinishedJournals } from '../../../electron/lifecycle/rotation-journal.js';
import { verifyCalls } from '../../../electron/providers/verify-calls.js';
import { osKeychain, type Keychain } from '../../../electron/vault/keychain.js';
import { openMetadataStore, type MetadataStore } from '../../../electron/vault/metadata-store.js';
import { tokenCalls } from '../../../electron/vault/token-calls.js';
import type { OidcEmulator, OidcFault } from '../../emulators/oidc.js';
import { testServiceName, tracesIn } from '../../helpers/fake-tokens.js';
import { clearKeychainService, inKeychainSession } from '../../helpers/keychain-session.js';
import { memoryKeychain } from '../../helpers/memory-keychain.js';
import { allFileText, makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { value } from '../providers/verify-harness.js';

/** Provider timeouts short enough that a hung or trickling provider ends a test within about a second. */
export const quickHttp: NonNullable<ProviderCallOptions['http']> = {
  firstByteTimeoutMs: 300,
  totalTimeoutMs: 1_000,
  maxRateWaitMs: 2_500,
  retries: 1,
};

/** A trickle longer than `quickHttp.totalTimeoutMs`: the provider acts, its answer never fully arrives. */
export const trickleMs = 2_000;

type LifecycleApi = VaultApi & VerifyApi & RevocationApi & RotationApi & AuditApi;

/**
 * The service's lifecycle calls in-process over a temp LAPSE_HOME and the real OS keychain (inside
 * scripts/with-keychain.sh; an in-memory one elsewhere). `restart()` is a new process: same vault
 * and keychain, a new provider session (so no rate-limit window remembered) that first resumes
 * unfinished rotations, as the app and the CLI do at start.
 */
export interface FaultRig {
  home: string;
  store: MetadataStore;
  keychain: Keychain;
  api: LifecycleApi;
  add(input: AddTokenInput): Promise<TokenView>;
  /** The value in a keychain slot (`id`, `id#previous`…), or null. */
  slot(account: string): Promise<string | null>;
  restart(): Promise<void>;
  unfinished(): number;
  auditText(): string;
  /** Every secret trace found in the files under LAPSE_HOME (vault, audit log, journals) and in `extra`. */
  tracesOf(secrets: string[], ...extra: unknown[]): string[];
  close(): Promise<void>;
}

export function faultRig(): FaultRig {
  const home = makeTempDir('lapse-faults');
  const service = inKeychainSession ? testServiceName() : null;
  const keychain = service ? osKeychain(service) : memoryKeychain();
  let store = openMetadataStore(home);

  const build = (options: ProviderCallOptions = { http: quickHttp }) => {
    const parts = { keychain, store, now: Date.now };
    const session = providerSession(parts, options);
    const verify = verifyCalls(parts, session);
    return {
      parts,
      session,
      api: {
        ...tokenCalls(parts),
        ...verify,
        ...revocationCalls(parts, session, verify),
        ...rotationCalls(parts, session),
        ...auditCalls(parts),
      } as LifecycleApi,
    };
  };
  let service$ = build();

  const rig: FaultRig = {
    home,
    get store() {
      return store;
    },
    keychain,
    get api() {
      return service$.api;
    },
    add: async (input) => value(await service$.api.addToken(input)),
    slot: (account) => keychain.get(account),
    async restart() {
      store = openMetadataStore(home);
      service$ = build();
      await resumeRotations(service$.parts, service$.session);
    },
    unfinished: () => unfinishedJournals(home).length,
    auditText: () => (fs.existsSync(auditFileOf(store)) ? fs.readFileSync(auditFileOf(store), 'utf8') : ''),
    tracesOf(secrets, ...extra) {
      const text = [...allFileText(home).map((f) => f.text), ...extra.map((e) => JSON.stringify(e))].join('\n');
      return secrets.flatMap((s) => tracesIn(text, s));
    },
    async close() {
      if (service) await clearKeychainService(service);
      removeTempDir(home);
    },
  };
  return rig;
}

/**
 * Fault only the next request to exactly `path` at the oidc-provider (its own `fault()` matches a
 * path prefix and lasts until cleared, so /token would take /token/introspection down too). The
 * server records a request and then looks its fault up: this hook sets or clears it in between.
 */
export function oidcFaultOnce(oidc: OidcEmulator): { next(path: string, fault: OidcFault): void; reset(): void } {
  let armed: { path: string; fault: OidcFault } | null = null;
  let faulted: string | null = null;
  const seen = oidc.requests as { method: string; path: string }[];
  const push = seen.push.bind(seen);
  seen.push = (...items) => {
    const path = items[0]?.path;
    if (faulted) {
      oidc.fault(faulted, null);
      faulted = null;
    }
    if (armed && path === armed.path) {
      oidc.fault(path, armed.fault);
      faulted = path;
      armed = null;
    }
    return push(...items);
  };
  return {
    next: (path, fault) => void (armed = { path, fault }),
    reset() {
      if (faulted) oidc.fault(faulted, null);
      [armed, faulted] = [null, null];
    },
  };
}
