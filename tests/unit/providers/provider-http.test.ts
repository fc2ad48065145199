import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { providerHttp } from '../../../electron/providers/provider-http.js';
import { RateGate } from '../../../electron/providers/rate-gate.js';
import { isRateLimited } from '../../../electron/providers/rate-limit-headers.js';
import { TransientFault } from '../../../electron/providers/transient-fault.js';
import { startHttpEmulator, type HttpEmulator } from '../../emulators/http-emulator.js';

// A provider that answers every request with {"ok":true}, and one more origin to send nothing to.
const plainShape = {
  handle: () => ({ status: 200, body: { ok: true } }),
  notFound: () => ({ status: 404 }),
  rateLimited: (seconds: number) => ({
    status: 429,
    headers: { 'retry-after': String(seconds) },
    body: { error: 'slow down' },
  }),
  serverError: (status: number) => ({ status }),
};

let provider: HttpEmulator;
let elsewhere: HttpEmulator;

beforeAll(async () => {
  [provider, elsewhere] = await Promise.all([startHttpEmulator(plainShape), startHttpEmulator(plainShape)]);
});
afterAll(() => Promise.all([provider.close(), elsewhere.close()]));
afterEach(() => provider.clearFaults());

const get = { method: 'GET', path: '/thing', headers: { authorization: 'Bearer FAKE-token' }, retry: true } as const;
const faultOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe('provider HTTP: rate-limit windows', () => {
  it('re-checks the window after waiting: a window extended meanwhile is waited out too', async () => {
    const gate = new RateGate();
    const origin = new URL(provider.url).origin;
    const start = Date.now();
    gate.close(origin, start + 200);
    setTimeout(() => gate.close(origin, start + 600), 100);
    const seen = provider.requests.length;

    await providerHttp({ baseUrl: provider.url, gate }).request(get);

    expect((provider.requests[seen]?.at ?? 0) - start).toBeGreaterThanOrEqual(600);
    expect(gate.sentInsideWindow).toBe(0);
  });

  it("a Retry-After longer than the exchange's own time limit is waited out, not cut off", async () => {
    provider.inject('GET /thing', { kind: 'rate-limit', retryAfterSeconds: 1 });

    const answer = await providerHttp({ baseUrl: provider.url, gate: new RateGate(), totalTimeoutMs: 400 }).request(
      get,
    );

    expect(answer.status).toBe(200);
    expect(provider.requestsInsideWindow).toBe(0);
  });

  it("a 403 with retry-after is GitHub's secondary rate limit, not a refusal", () => {
    expect(isRateLimited(403, new Headers({ 'retry-after': '30' }))).toBe(true);
    expect(isRateLimited(403, new Headers({ 'x-ratelimit-remaining': '0' }))).toBe(true);
    expect(isRateLimited(403, new Headers({ 'x-ratelimit-remaining': '4999' }))).toBe(false);
  });

  it('a rate-limited call that may not be replayed fails at once with when to retry', async () => {
    provider.inject('POST /thing', { kind: 'rate-limit', retryAfterSeconds: 7 });
    const seen = provider.requests.length;

    const fault = await faultOf(
      providerHttp({ baseUrl: provider.url, gate: new RateGate() }).request({ ...get, method: 'POST', retry: false }),
    );

    expect(fault).toBeInstanceOf(TransientFault);
    expect((fault as TransientFault).retryAt).toBeGreaterThan(Date.now() + 5_000);
    expect(provider.requests.length - seen).toBe(1);
  });
});

describe('provider HTTP: time and size bounds', () => {
  it('a body that keeps streaming after prompt headers is read to its end within the total time', async () => {
    provider.inject('GET /thing', { kind: 'slow-body', ms: 600 }, { times: 5 });

    const answer = await providerHttp({
      baseUrl: provider.url,
      gate: new RateGate(),
      firstByteTimeoutMs: 200,
      totalTimeoutMs: 3_000,
    }).request(get);

    expect(answer.json()).toEqual({ ok: true });
  });

  it('a provider that sends no headers in time is given up on', async () => {
    provider.inject('GET /thing', { kind: 'hang' }, { times: 5 });
    const started = Date.now();

    const fault = await faultOf(
      providerHttp({ baseUrl: provider.url, gate: new RateGate(), firstByteTimeoutMs: 200, retries: 1 }).request(get),
    );

    expect((fault as Error).message).toMatch(/did not answer in time/);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('a body declared larger than the cap is not downloaded: the connection is dropped at once', async () => {
    let closedEarly: boolean | null = null;
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
      res.on('close', () => (closedEarly = !res.writableFinished));
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const fault = await faultOf(providerHttp({ baseUrl, gate: new RateGate() }).request({ ...get, retry: false }));
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect((fault as Error).message).toMatch(/larger than 1024 KiB/);
      expect(closedEarly).toBe(true);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('provider HTTP: a token stays with its provider', () => {
  it('refuses a path on another origin before sending anything', async () => {
    const seen = elsewhere.requests.length;

    const fault = await faultOf(
      providerHttp({ baseUrl: provider.url, gate: new RateGate() }).request({ ...get, path: `${elsewhere.url}/steal` }),
    );

    expect((fault as Error).message).toMatch(/Refusing to send a token to http:\/\/127\.0\.0\.1:\d+: it belongs to/);
    expect(elsewhere.requests.length).toBe(seen);
  });

  it('does not follow a redirect to another origin', async () => {
    provider.inject('GET /thing', { kind: 'redirect', location: `${elsewhere.url}/thing`, status: 307 }, { times: 5 });
    const seen = elsewhere.requests.length;

    const fault = await faultOf(providerHttp({ baseUrl: provider.url, gate: new RateGate() }).request(get));

    expect((fault as Error).message).toMatch(/answered with a redirect \(307\)/);
    expect(elsewhere.requests.length).toBe(seen);
  });

  it('refuses plain http to anything but a loopback host', () => {
    expect(() => providerHttp({ baseUrl: 'http://api.example.com', gate: new RateGate() })).toThrow(/must be https/);
    expect(() => providerHttp({ baseUrl: 'https://user:pw@api.example.com', gate: new RateGate() })).toThrow(
      /credentials/,
    );
  });
});
