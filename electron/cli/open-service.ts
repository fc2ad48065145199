import type { LapseApi } from '../../shared/api.js';
import { openLapse, partsFromEnv } from '../open-lapse.js';
import { checkedApi } from '../transports/dispatch.js';
export { clockFrom } from './clock.js';

/** The same service the desktop app runs, over the same vault folder and keychain service. */
export function openService(
  home: string,
  env: NodeJS.ProcessEnv,
  now: () => number,
): { api: LapseApi; warning: string | null } {
  const parts = partsFromEnv(env, { home, now });
  // Unfinished rotations first: every call waits until they are carried forward.
  return { api: checkedApi(openLapse(parts)), warning: parts.store.recovery?.message ?? null };
}
