import type { LapseApi } from '../../shared/api.js';
import type { Result } from '../../shared/result.js';

/**
 * Every request to the browser shell's host goes through here, so each carries the launch
 * session's credentials the same way: the contract's calls and the change stream alike.
 */
export function shellFetch(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, credentials: 'same-origin' });
}

/**
 * The contract over the browser shell's HTTP host. The launch key travels in an HttpOnly cookie
 * set when the launch URL was opened; the page never sees it.
 */
export function httpLapseApi(base = ''): LapseApi {
  const call = async (method: string, arg: unknown): Promise<Result<unknown>> => {
    try {
      const res = await shellFetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
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
