import type { LapseApi } from '../../shared/api.js';
import { afterResume, resumeRotations } from '../lifecycle/rotation-calls.js';
import { createLapseService } from '../service.js';
import { checkedApi } from '../transports/dispatch.js';
import { osKeychain } from '../vault/keychain.js';
import { openMetadataStore } from '../vault/metadata-store.js';
export { clockFrom } from './clock.js';

/** The same service the desktop app runs, over the same vault folder and keychain service. */
export function openService(home: string, env: NodeJS.ProcessEnv, now: () => number): { api: LapseApi; warning: string | null } {
  const store = openMetadataStore(home);
  const parts = { keychain: osKeychain(env['LAPSE_KEYCHAIN_SERVICE'] || 'lapse', process.platform, env), store, now, userHome: env['HOME'] };
  // Unfinished rotations first (docs/SECURITY.md, 'Rotation survives a crash'): every call waits until they are carried forward.
  const api = afterResume(createLapseService(parts), resumeRotations(parts));
  return { api: checkedApi(api), warning: store.recovery?.message ?? null };
}
