import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** A request as a provider emulator sees it (the path without the emulator's prefix, e.g. `/api/v3`). */
export interface EmulatedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The client's address as the server sees it (always loopback here). */
  remoteAddress: string;
}

/** An answer: a string body is sent as is, anything else as JSON. */
export interface EmulatedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** What can go wrong, as providers and networks really fail. */
export type Fault =
  /** The provider's own 429 with `Retry-After`; requests inside the window get it too (and are counted). */
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  /** GitHub's primary limit: 403, `x-ratelimit-remaining: 0`, `x-ratelimit-reset` in epoch seconds. */
  | { kind: 'rate-limit-reset'; resetInSeconds: number }
  | { kind: 'server-error'; status: 500 | 502 | 503; retryAfterSeconds?: number }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** A 200 whose body is 10 MB (or `bytes`), with or without a Content-Length saying so. */
  | { kind: 'huge-body'; bytes?: number; declareLength?: boolean }
  /** A 200 whose JSON is cut off. */
  | { kind: 'invalid-json' }
  | { kind: 'redirect'; location: string; status?: 301 | 302 | 307 | 308 }
  /** The normal answer, its headers at once and its body trickled out over `ms`. */
  | { kind: 'slow-body'; ms: number };

/** How one provider answers: its routes, and its own shapes for rate limits and errors. */
export interface ProviderShape {
  /** The normal answer, or null for "no such route". */
  handle(req: EmulatedRequest): EmulatedResponse | null;
  notFound(): EmulatedResponse;
  rateLimited(retryAfterSeconds: number): EmulatedResponse;
  /** The primary-limit answer (GitHub); providers without one answer 429. */
  rateLimitExhausted?(resetEpochSeconds: number): EmulatedResponse;
  serverError(status: number): EmulatedResponse;
}

/** A request as it arrived, with the credentials it carried (tests check where tokens went). */
export interface SeenRequest {
  method: string;
  path: string;
  at: number;
  credential: string | null;
}

export interface HttpEmulator {
  /** `http://127.0.0.1:PORT` plus the prefix: the base URL a token points at. */
  readonly url: string;
  /** Added before every answer (the benchmark's provider latency). */
  latencyMs: number;
  readonly requests: SeenRequest[];
  /** Make requests to `route` ("GET /user") fail: the next `times` (default 1) after skipping `after` of them. */
  inject(route: string, fault: Fault, plan?: { times?: number; after?: number }): void;
  clearFaults(): void;
  /**
   * Requests that arrived while a rate-limit window this emulator announced was open. A request
   * already on the wire when the 429 went out counts too: see `windows` to tell those apart.
   */
  readonly requestsInsideWindow: number;
  /** Every rate-limit window it announced: from when the answer went out until when it asked to wait. */
  readonly windows: { from: number; until: number }[];
  /** Most requests it was answering at one moment (since `resetPeak`). */
  readonly peakInFlight: number;
  resetPeak(): void;
  close(): Promise<void>;
}

interface Planned {
  route: string;
  fault: Fault;
  times: number;
  after: number;
}

const maxRequestBody = 1024 * 1024;

function send(res: http.ServerResponse, answer: EmulatedResponse): void {
  const isText = typeof answer.body === 'string';
  const body = answer.body === undefined ? '' : isText ? (answer.body as string) : JSON.stringify(answer.body);
  const headers: Record<string, string> = {
    ...(answer.body !== undefined && !isText ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    ...answer.headers,
  };
  res.writeHead(answer.status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

async function sendHuge(res: http.ServerResponse, bytes: number, declareLength: boolean): Promise<void> {
  res.writeHead(200, {
    'content-type': 'application/json',
    ...(declareLength ? { 'content-length': String(bytes) } : {}),
  });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  for (let sent = 0; sent < bytes && !res.destroyed; sent += chunk.length) {
    if (!res.write(sent + chunk.length > bytes ? chunk.subarray(0, bytes - sent) : chunk)) {
      // Whichever comes first; the other listener goes too, or each wait leaves one behind.
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.once('drain', done);
        res.once('close', done);
      });
    }
  }
  res.end();
}

async function sendSlowly(res: http.ServerResponse, answer: EmulatedResponse, ms: number): Promise<void> {
  const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? '');
  res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  const pieces = 5;
  for (let i = 0; i < pieces && !res.destroyed; i++) {
    res.write(body.slice(Math.floor((i * body.length) / pieces), Math.floor(((i + 1) * body.length) / pieces)));
    await delay(ms / pieces);
  }
  res.end();
}

const readBody = (req: http.IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxRequestBody) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** A real HTTP server on 127.0.0.1 (a free port) that answers as `shape` says, with faults on demand. */
export async function startHttpEmulator(
  shape: ProviderShape,
  options: { latencyMs?: number; prefix?: string } = {},
): Promise<HttpEmulator> {
  const prefix = options.prefix ?? '';
  const requests: SeenRequest[] = [];
  let planned: Planned[] = [];
  let windowUntil = 0;
  const windows: { from: number; until: number }[] = [];
  let windowAnswer: ((nowMs: number) => EmulatedResponse) | null = null;
  let insideWindow = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  const state = { latencyMs: options.latencyMs ?? 0 };

  function faultFor(route: string): Fault | null {
    for (const plan of planned) {
      if (plan.route !== route || plan.times <= 0) continue;
      if (plan.after > 0) {
        plan.after -= 1;
        continue;
      }
      plan.times -= 1;
      return plan.fault;
    }
    return null;
  }

  async function answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const arrivedAt = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const credential = (req.headers['authorization'] ?? req.headers['private-token'] ?? null) as string | null;
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || '/' : url.pathname;
    requests.push({ method: req.method ?? 'GET', path, at: arrivedAt, credential });
    const body = await readBody(req);
    if (arrivedAt < windowUntil && windowAnswer) {
      // Sent while the provider had asked to wait: what a well-behaved client never does.
      insideWindow += 1;
      const inWindow = windowAnswer;
      await delay(state.latencyMs);
      return send(res, inWindow(Date.now()));
    }
    const route = `${req.method} ${path}`;
    const fault = faultFor(route);
    if (fault?.kind === 'hang') return;
    await delay(state.latencyMs);
    const emulated: EmulatedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      remoteAddress: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    };
    if (!fault || fault.kind === 'slow-body') {
      const normal =
        (path.startsWith('/') && url.pathname.startsWith(prefix) ? shape.handle(emulated) : null) ?? shape.notFound();
      return fault ? sendSlowly(res, normal, fault.ms) : send(res, normal);
    }
    switch (fault.kind) {
      case 'rate-limit': {
        windowUntil = Date.now() + fault.retryAfterSeconds * 1000;
        windows.push({ from: Date.now(), until: windowUntil });
        windowAnswer = (nowMs) => shape.rateLimited(Math.max(1, Math.ceil((windowUntil - nowMs) / 1000)));
        return send(res, shape.rateLimited(fault.retryAfterSeconds));
      }
      case 'rate-limit-reset': {
        const reset = Math.ceil(Date.now() / 1000) + fault.resetInSeconds;
        windowUntil = reset * 1000;
        windows.push({ from: Date.now(), until: windowUntil });
        const exhausted = () => shape.rateLimitExhausted?.(reset) ?? shape.rateLimited(fault.resetInSeconds);
        windowAnswer = exhausted;
        return send(res, exhausted());
      }
      case 'server-error': {
        const error = shape.serverError(fault.status);
        const retry: Record<string, string> =
          fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
        return send(res, { ...error, headers: { ...error.headers, ...retry } });
      }
      case 'huge-body':
        return sendHuge(res, fault.bytes ?? 10 * 1024 * 1024, fault.declareLength ?? true);
      case 'invalid-json':
        return send(res, {
          status: 200,
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: '{"login":"octo',
        });
      case 'redirect':
        return send(res, { status: fault.status ?? 302, headers: { location: fault.location }, body: '' });
    }
  }

  const server = http.createServer((req, res) => {
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    res.once('close', () => (inFlight -= 1));
    answer(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms: number) {
      state.latencyMs = ms;
    },
    requests,
    windows,
    inject(route, fault, plan = {}) {
      planned.push({ route, fault, times: plan.times ?? 1, after: plan.after ?? 0 });
    },
    clearFaults() {
      planned = [];
      windowUntil = 0;
      windowAnswer = null;
    },
    get requestsInsideWindow() {
      return insideWindow;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    resetPeak() {
      peakInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The bearer token of a request (`Authorization: Bearer …` or GitHub's older `token …`), or null. */
export function bearerOf(req: EmulatedRequest): string | null {
  const header = req.headers['authorization'];
  const match = typeof header === 'string' ? /^(?:Bearer|token)\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}
