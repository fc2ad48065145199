import type { LapseApi } from '../../shared/api.js';
import type { Result } from '../../shared/result.js';

/** The header every call to the browser shell carries its session secret in. */
export const sessionHeaderName = 'X-Lapse-Key';
/** Where this tab keeps its session secret: sessionStorage (this tab and origin only, gone with the tab). */
const sessionStorageKey = 'lapse.session';

const noSession =
  'This page has no session with Lapse. Open the URL that lapse serve printed (each URL opens Lapse once: press Enter in its terminal for a new one).';

/**
 * Trades the launch key in this page's URL (if any) for a session secret, once. The key leaves
 * the address bar first (history.replaceState), then is posted to the shell, which never accepts
 * it again. Without a key in the URL (a reload), the session this tab already has is used.
 */
async function openSession(base: string): Promise<string | null> {
  const here = new URL(window.location.href);
  const key = here.searchParams.get('key');
  if (key !== null) {
    here.searchParams.delete('key');
    window.history.replaceState(window.history.state, '', `${here.pathname}${here.search}${here.hash}`);
    try {
      const res = await fetch(`${base}/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'omit',
        cache: 'no-store',
        body: JSON.stringify({ key }),
      });
      const answer = (await res.json()) as Result<{ session: string }>;
      if (answer.ok) {
        window.sessionStorage.setItem(sessionStorageKey, answer.value.session);
        return answer.value.session;
      }
    } catch {
      // Not answering: the calls that follow say so.
    }
  }
  return window.sessionStorage.getItem(sessionStorageKey);
}

let session: Promise<string | null> | null = null;

/**
 * The headers that authenticate this tab to the browser shell: the one place that adds them.
 * Anything that talks to the shell (a call, a streamed `text/event-stream` GET) uses these.
 */
export async function sessionHeaders(base = ''): Promise<Record<string, string>> {
  session ??= openSession(base);
  const secret = await session;
  return secret ? { [sessionHeaderName]: secret } : {};
}

/** fetch() to the browser shell with this tab's session header; never cookies. */
export async function shellFetch(path: string, init: RequestInit = {}, base = ''): Promise<Response> {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(await sessionHeaders(base))) headers.set(name, value);
  return fetch(`${base}${path}`, { ...init, headers, credentials: 'omit', cache: 'no-store' });
}

/** The contract over the browser shell's HTTP host, authenticated by this tab's session. */
export function httpLapseApi(base = ''): LapseApi {
  const call = async (method: string, arg: unknown): Promise<Result<unknown>> => {
    try {
      if (!(await sessionHeaders(base))[sessionHeaderName])
        return { ok: false, error: { code: 'transport', message: noSession } };
      const res = await shellFetch(
        `/api/${method}`,
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(arg ?? {}) },
        base,
      );
      if (res.status === 401 || res.status === 403)
        return { ok: false, error: { code: 'transport', message: noSession } };
      return (await res.json()) as Result<unknown>;
    } catch {
      return {
        ok: false,
        error: {
          code: 'transport',
          message: 'Lapse is not answering. Is `lapse serve` still running? Start it again, then reload.',
        },
      };
    }
  };
  return new Proxy({} as LapseApi, {
    get: (_target, method) =>
      typeof method === 'string' && method !== 'then' ? (arg: unknown) => call(method, arg) : undefined,
  });
}
