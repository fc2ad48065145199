import type { LapseApi } from '../../shared/api.js';
import { quickRead, rotationsPending } from './quick-read.js';

type Opened = { api: LapseApi; warning: string | null };

const discoveryNames = new Set(['startScan', 'getScan', 'cancelScan', 'listScans', 'importFindings']);

/**
 * The service for one CLI run, loaded on the first call that needs it: `--help` and usage errors
 * load nothing; `list` and `show` on a vouched-for vault file answer from it directly
 * (quick-read.ts); scan and import load only the discovery calls; everything else loads the same
 * service the desktop app runs. While a rotation waits to be carried forward, every call goes to
 * the full service, which carries it forward first.
 */
export function lazyApi(
  home: string,
  env: NodeJS.ProcessEnv,
  now: () => number,
  warn: (text: string) => void,
): LapseApi {
  const opening = (open: () => Promise<Opened>) => {
    let opened: Promise<LapseApi> | null = null;
    return () =>
      (opened ??= open().then(({ api, warning }) => {
        if (warning) warn(warning);
        return api;
      }));
  };
  const full = opening(async () => (await import('./open-service.js')).openService(home, env, now));
  const discoveryOnly = opening(async () => ({
    api: (await import('./open-discovery.js')).openDiscovery(home, env, now, warn),
    warning: null,
  }));
  // Decided once, so one process never has two scan books.
  let discovery: (() => Promise<LapseApi>) | null = null;

  return new Proxy({} as LapseApi, {
    get(_target, name) {
      if (typeof name !== 'string' || name === 'then') return undefined;
      return async (input: unknown) => {
        if (name === 'listTokens' || name === 'getToken') {
          const quick = quickRead(home, now(), name, (input ?? {}) as { id?: string });
          if (quick) return quick;
        }
        let api: LapseApi;
        if (discoveryNames.has(name)) {
          discovery ??= rotationsPending(home) ? full : discoveryOnly;
          api = await discovery();
        } else {
          api = await full();
        }
        return (api[name as keyof LapseApi] as (arg: unknown) => unknown)(input);
      };
    },
  });
}
