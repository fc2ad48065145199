import type { LapseApi } from '../../shared/api.js';
import type { Result } from '../../shared/result.js';

/**
 * The contract over the browser shell's HTTP host. The launch key travels in an HttpOnly cookie
 * set when the launch URL was opened; the page never sees it.
 */
export function httpLapseApi(base = ''): LapseApi {
  const call = async (method: string, arg: unknown): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(arg ?? {}),
      });
      if (res.status === 401 || res.status === 403) {
        return { ok: false, error: { code: 'transport', message: 'This page lost its launch key. Open the URL that lapse serve printed.' } };
      }
      return (await res.json()) as Result<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: 'transport', message: 'Lapse is not answering. Is `lapse serve` still running? Start it again, then reload.' },
      };
    }
  };
  return new Proxy({} as LapseApi, {
    get: (_target, method) =>
      typeof method === 'string' && method !== 'then' ? (arg: unknown) => call(method, arg) : undefined,
  });
}
