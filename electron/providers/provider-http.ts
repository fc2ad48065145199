import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RateGate } from './rate-gate.js';
import { GateClosed, gateYield } from './gate-yield.js';
import { defaultRateLimits, gateKey, retryAtFrom, type RateLimitPolicy } from './rate-limit-headers.js';
import { TransientFault } from './transient-fault.js';

export interface ProviderRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A path appended to the base URL ("/user"), or an absolute URL on the base URL's own origin. */
  path: string;
  headers?: Record<string, string>;
  /** A string as is, URLSearchParams as a form, anything else as JSON. */
  body?: string | URLSearchParams | object;
  /**
   * Reads and revocations may be retried after a fault; a rotate must never be replayed
   * (GitLab and RFC 9700 servers revoke the whole token family on reuse).
   */
  retry: boolean;
  /** The rate-limit bucket this request counts against, when not the client's own (GitHub's unauthenticated calls count per IP). */
  bucket?: string;
}

export interface ProviderAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json(): unknown;
}

/** HTTP to one provider: bounded in time and size, rate-limit aware, never leaving its origin. */
export interface ProviderHttp {
  readonly baseUrl: string;
  request(req: ProviderRequest): Promise<ProviderAnswer>;
  /**
   * The same client bound to another origin, for endpoints a provider's own signed-off metadata
   * names there (an OAuth issuer's token endpoint on another host): https, or http to loopback.
   */
  at(url: string): ProviderHttp;
}

export interface ProviderHttpOptions {
  baseUrl: string;
  gate: RateGate;
  now?: () => number;
  /** Until the response headers arrive (covers connecting). */
  firstByteTimeoutMs?: number;
  /** The whole exchange, retries included. */
  totalTimeoutMs?: number;
  maxBodyBytes?: number;
  /** Longest wait for a rate-limit window before giving up with "retry at …". */
  maxRateWaitMs?: number;
  retries?: number;
  signal?: AbortSignal;
  /** How the provider signals its rate limits (default: 429, or GitHub's 403 forms). */
  rateLimits?: RateLimitPolicy;
  /** The rate-limit bucket of this client's credential, where the provider counts per credential or user. */
  bucket?: string;
}

const loopback = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** https, or plain http to a loopback host; never credentials in the URL. */
export function checkBaseUrl(raw: string): URL {
  const url = new URL(raw);
  if (url.username || url.password) throw new Error('A provider base URL must not contain credentials.');
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback.has(url.hostname))) return url;
  throw new Error(
    `Refusing ${url.protocol}//${url.host}: provider URLs must be https (http only for 127.0.0.1, ::1 or localhost).`,
  );
}

function targetUrl(base: URL, path: string): URL {
  const url = /^https?:\/\//i.test(path)
    ? new URL(path)
    : new URL(base.pathname.replace(/\/$/, '') + (path.startsWith('/') ? path : `/${path}`), base.origin);
  // A token only ever goes to its own provider.
  if (url.origin !== base.origin)
    throw new Error(`Refusing to send a token to ${url.origin}: it belongs to ${base.origin}.`);
  return url;
}

function encodeBody(body: ProviderRequest['body'], headers: Record<string, string>): string | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    return body.toString();
  }
  headers['content-type'] ??= 'application/json';
  return JSON.stringify(body);
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    // Not a byte more: cancelling the body closes the connection instead of draining it.
    await response.body?.cancel().catch(() => undefined);
    throw new TransientFault(`The provider's answer is larger than ${maxBytes / 1024} KiB; Lapse stopped reading it.`);
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes)
      throw new TransientFault(
        `The provider's answer is larger than ${maxBytes / 1024} KiB; Lapse stopped reading it.`,
      );
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const answerOf = (status: number, headers: Headers, text: string): ProviderAnswer => ({
  status,
  headers,
  text,
  json: () => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  },
});

/** 200 ms, 400 ms, 800 ms… each with up to 50 % jitter, so many clients don't retry in step. */
const backoff = (attempt: number) => 200 * 2 ** attempt * (1 + Math.random() * 0.5);

/** A client's options with their defaults filled in, and its base URL checked. */
interface Client {
  base: URL;
  now: () => number;
  firstByteMs: number;
  totalMs: number;
  maxBody: number;
  maxRateWait: number;
  retries: number;
  gate: RateGate;
  rateLimits: RateLimitPolicy;
  signal?: AbortSignal;
  bucket?: string;
}

const clientOf = (options: ProviderHttpOptions): Client => ({
  base: checkBaseUrl(options.baseUrl),
  now: options.now ?? Date.now,
  firstByteMs: options.firstByteTimeoutMs ?? 5_000,
  totalMs: options.totalTimeoutMs ?? 15_000,
  maxBody: options.maxBodyBytes ?? 1024 * 1024,
  maxRateWait: options.maxRateWaitMs ?? 30_000,
  retries: options.retries ?? 2,
  gate: options.gate,
  rateLimits: options.rateLimits ?? defaultRateLimits,
  ...(options.signal ? { signal: options.signal } : {}),
  ...(options.bucket !== undefined ? { bucket: options.bucket } : {}),
});

const keyOf = (client: Client, req: ProviderRequest, resource?: string) =>
  gateKey(client.base.origin, req.bucket ?? client.bucket, resource);

/** One exchange: sent once, headers within the first-byte timeout, the body read up to the size cap. */
async function sendOnce(
  client: Client,
  url: URL,
  req: ProviderRequest,
  deadline: AbortSignal,
): Promise<ProviderAnswer> {
  const { base, signal } = client;
  const key = keyOf(client, req);
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'Lapse', ...req.headers };
  const body = encodeBody(req.body, headers);
  // Only until the headers arrive: a body still streaming in is bounded by the deadline instead.
  const firstByte = new AbortController();
  const firstByteTimer = setTimeout(() => firstByte.abort(), client.firstByteMs);
  const signals = [deadline, firstByte.signal, ...(signal ? [signal] : [])];
  client.gate.noteSent(key, client.now());
  let response: Response;
  try {
    response = await fetch(url, {
      method: req.method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.any(signals),
    });
  } catch (error) {
    if (signal?.aborted) throw new TransientFault('Cancelled.');
    if (firstByte.signal.aborted || deadline.aborted) throw new TransientFault(`${base.host} did not answer in time.`);
    const code = (error as { cause?: { code?: string } }).cause?.code;
    throw new TransientFault(`Could not reach ${base.host}${code ? ` (${code})` : ''}.`);
  } finally {
    clearTimeout(firstByteTimer);
  }
  try {
    const text = await readCapped(response, client.maxBody);
    return answerOf(response.status, response.headers, text);
  } catch (error) {
    if (signal?.aborted) throw new TransientFault('Cancelled.');
    if (error instanceof TransientFault) throw error;
    throw new TransientFault(
      deadline.aborted ? `${base.host} did not finish answering in time.` : `${base.host} broke off its answer.`,
    );
  }
}

async function pause(client: Client, ms: number): Promise<void> {
  try {
    await sleep(ms, undefined, client.signal ? { signal: client.signal } : undefined);
  } catch {
    throw new TransientFault('Cancelled.');
  }
}

async function backoffPause(client: Client, attempt: number): Promise<number> {
  const ms = backoff(attempt);
  await pause(client, ms);
  return ms;
}

/** Sleeps until the bucket's rate-limit window is over, re-checking: another answer may extend it meanwhile. */
async function waitForGate(client: Client, key: string, waited: { ms: number }): Promise<void> {
  const { gate, now } = client;
  for (let openAt = gate.openAt(key, now()); openAt; openAt = gate.openAt(key, now())) {
    const wait = openAt - now() + 5;
    // Under verify admission, the window is waited out without holding a slot (gate-yield.ts).
    if (gateYield.getStore() && waited.ms + wait <= client.maxRateWait) throw new GateClosed(openAt);
    if (waited.ms + wait > client.maxRateWait) {
      throw new TransientFault(
        `${client.base.host} asked Lapse to slow down; try again after ${new Date(openAt).toISOString()}.`,
        openAt,
        true,
      );
    }
    waited.ms += wait;
    await pause(client, wait);
  }
}

/**
 * What an answer calls for: hand it over (`answer`), ask again once the rate gate opens (`again`),
 * or back off and ask again (`back-off`). Throws when Lapse gives up (a redirect, a rate limit or a
 * server error it may not or no longer retry).
 */
function nextStep(
  client: Client,
  req: ProviderRequest,
  answer: ProviderAnswer,
  attempt: number,
  budget: number,
): 'answer' | 'again' | 'back-off' {
  const { base, gate, now, retries } = client;
  if (answer.status >= 300 && answer.status < 400) {
    throw new TransientFault(
      `${base.host} answered with a redirect (${answer.status}); Lapse does not follow redirects with a token. Check the base URL.`,
    );
  }
  const limit = client.rateLimits.limitOf(answer, now());
  if (limit) {
    const retryAt = limit.retryAt ?? now() + backoff(attempt) * 4;
    gate.close(limit.wholeHost ? base.origin : keyOf(client, req, limit.resource), retryAt);
    if (!req.retry || attempt >= retries + 2) {
      throw new TransientFault(
        `${base.host} rate-limited Lapse; try again after ${new Date(retryAt).toISOString()}.`,
        retryAt,
        true,
      );
    }
    return 'again';
  }
  if (answer.status >= 500) {
    const retryAt = retryAtFrom(answer.headers, now());
    if (retryAt) gate.close(keyOf(client, req), retryAt);
    if (!req.retry || attempt >= retries || budget <= 0) {
      throw new TransientFault(`${base.host} had a server error (${answer.status}); try again later.`, retryAt);
    }
    return 'back-off';
  }
  return 'answer';
}

/** A fault worth another attempt: a retryable request, attempts and time left, not cancelled. */
const mayRetryFault = (client: Client, error: unknown, req: ProviderRequest, attempt: number, budget: number) =>
  error instanceof TransientFault && req.retry && attempt < client.retries && budget > 0 && !client.signal?.aborted;

async function requestWith(client: Client, req: ProviderRequest): Promise<ProviderAnswer> {
  const url = targetUrl(client.base, req.path);
  // The total time counts this exchange's own work; time spent outside a provider's rate-limit window does not.
  let budget = client.totalMs;
  const rateWaited = { ms: 0 };
  for (let attempt = 0; ; attempt++) {
    await waitForGate(client, keyOf(client, req), rateWaited);
    const began = performance.now();
    const deadline = AbortSignal.timeout(Math.max(1, Math.ceil(budget)));
    let answer: ProviderAnswer;
    try {
      answer = await sendOnce(client, url, req, deadline);
    } catch (error) {
      budget -= performance.now() - began;
      if (!mayRetryFault(client, error, req, attempt, budget)) throw error;
      budget -= await backoffPause(client, attempt);
      continue;
    }
    budget -= performance.now() - began;
    const next = nextStep(client, req, answer, attempt, budget);
    if (next === 'answer') return answer;
    if (next === 'back-off') budget -= await backoffPause(client, attempt);
  }
}

/** The client every provider adapter uses. */
export function providerHttp(options: ProviderHttpOptions): ProviderHttp {
  const client = clientOf(options);
  return {
    baseUrl: client.base.href,
    at: (url) => providerHttp({ ...options, baseUrl: new URL(url).origin }),
    request: (req) => requestWith(client, req),
  };
}
