import type { LapseApi } from '../shared/api.js';
import { resumeReauthorizations } from './authorize/resume-reauthorization.js';
import { afterResume, resumeRotations } from './lifecycle/rotation-calls.js';
import { providerSession, type ProviderCallOptions } from './providers/provider-session.js';
import { createLapseService } from './service.js';
import type { ServiceParts } from './service-parts.js';
import { osKeychain } from './vault/keychain.js';
import { keychainServiceName } from './vault/keychain-service.js';
import { openMetadataStore, type StoreEngine } from './vault/metadata-store.js';

/** What a face decides for itself; the rest of the parts come from the environment. */
export interface FaceParts extends Pick<ServiceParts, 'clipboard' | 'folderPicker'> {
  /** The Lapse folder (the CLI: --home or LAPSE_HOME; the desktop app: LAPSE_HOME or its own per-user folder). */
  home: string;
  /** The instant tokens are judged at (default: the system clock). */
  now?: () => number;
  /** The metadata file's engine (default `conf`; electron-store in the desktop app). */
  engine?: StoreEngine;
}

/**
 * The parts every face builds the service from: the OS keychain under the service that
 * LAPSE_KEYCHAIN_SERVICE names (empty or unset: `lapse`), the metadata store in `home`, the clock,
 * and the user's home folder (HOME) where scans look for known files.
 */
export function partsFromEnv(env: NodeJS.ProcessEnv, face: FaceParts): ServiceParts {
  const { home, now = Date.now, engine, ...faceOnly } = face;
  return {
    keychain: osKeychain(keychainServiceName(env), process.platform, env),
    store: openMetadataStore(home, engine),
    now,
    userHome: env['HOME'],
    ...faceOnly,
  };
}

/**
 * The service a face runs: every area's calls over `parts`, sharing one provider session (one rate
 * gate, one admission queue) with the resume of unfinished rotations and reauthorizations, which
 * every call waits for (docs/SECURITY.md, 'Rotation survives a crash').
 */
export function openLapse(parts: ServiceParts, providers: ProviderCallOptions = {}): LapseApi {
  const session = providerSession(parts, providers);
  const resumed = resumeRotations(parts, session).then(() => resumeReauthorizations(parts, session));
  return afterResume(createLapseService(parts, session), resumed);
}
