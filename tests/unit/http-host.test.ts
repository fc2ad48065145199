import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLapseService } from '../../electron/service.js';
import { sameKey } from '../../electron/transports/http-guard.js';
import { contentSecurityPolicy, startHttpHost, type HttpHost } from '../../electron/transports/http-host.js';
import { openMetadataStore } from '../../electron/vault/metadata-store.js';
import { canarySecret, fakeTokens, randomAlnum, tracesIn } from '../helpers/fake-tokens.js';
import { memoryKeychain, type MemoryKeychain } from '../helpers/memory-keychain.js';
import { builtModule } from '../helpers/processes.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-home.js';

const key = `FAKEkey${randomAlnum(25)}`; // 32 characters, like a real launch key
const outsideCanary = canarySecret();
const indexHtml = '<!doctype html><title>Lapse test shell</title><script src="/assets/app.js"></script>';

let scratch: string;
let staticDir: string;
let keychain: MemoryKeychain;
let host: HttpHost;
/** The session the first launch key was traded for: what the page sends on every call. */
let session: string;

beforeAll(async () => {
  scratch = makeTempDir('lapse-http');
  staticDir = path.join(scratch, 'static');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), indexHtml);
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("lapse test app");');
  // Files a traversal would love to reach: beside the static folder, and in a sibling whose name extends it.
  fs.writeFileSync(path.join(scratch, 'outside.txt'), outsideCanary);
  fs.mkdirSync(path.join(scratch, 'static-evil'));
  fs.writeFileSync(path.join(scratch, 'static-evil', 'loot.txt'), outsideCanary);
  keychain = memoryKeychain();
  const api = createLapseService({ keychain, store: openMetadataStore(path.join(scratch, 'home')), now: Date.now });
  host = await startHttpHost({ api, staticDir, key });
  session = await exchange(key);
});

afterAll(async () => {
  await host?.close();
  removeTempDir(scratch);
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Request {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  hostname?: string;
  port?: number;
}

/** One request with node:http (fetch can't set Host), no keep-alive. */
function request({
  method = 'GET',
  path: p = '/',
  headers = {},
  body,
  hostname = '127.0.0.1',
  port = host.port,
}: Request): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path: p, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.setTimeout(5000, () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
    req.end(body);
  });
}

const json = { 'content-type': 'application/json' };
const postSession = (launchKey: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: '/session',
    headers: { ...json, ...headers },
    body: JSON.stringify({ key: launchKey }),
  });

/** What the page does once: trade a launch key for a session secret. */
async function exchange(launchKey: string): Promise<string> {
  const reply = await postSession(launchKey);
  const answer = JSON.parse(reply.body) as { ok: boolean; value?: { session: string } };
  if (reply.status !== 200 || !answer.value) throw new Error(`no session for that key: ${reply.status} ${reply.body}`);
  return answer.value.session;
}

const keyOf = (url: string) => new URL(url).searchParams.get('key') ?? '';
const withSession = () => ({ 'x-lapse-key': session });
const callApi = (method: string, arg: unknown, headers: Record<string, string> = withSession()) =>
  request({ method: 'POST', path: `/api/${method}`, headers: { ...json, ...headers }, body: JSON.stringify(arg) });

describe('opening the browser shell', () => {
  it('prints a launch URL on 127.0.0.1 with the key in it', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?key=${key}`);
  });

  it("the launch URL serves the page and sets no cookie; only the page's POST spends its key", async () => {
    const url = host.newLaunchUrl();
    const opened = await request({ path: new URL(url).pathname + new URL(url).search });
    expect(opened.status).toBe(200);
    expect(opened.body).toBe(indexHtml);
    expect(opened.headers['set-cookie']).toBeUndefined();
    // A second GET (a preview, a prefetch) does not spend it either.
    expect((await request({ path: `/?key=${keyOf(url)}` })).status).toBe(200);
    const traded = await postSession(keyOf(url));
    expect(traded.status).toBe(200);
    expect(traded.headers['set-cookie']).toBeUndefined();
    expect(traded.headers['cache-control']).toBe('no-store');
    const { value } = JSON.parse(traded.body) as { value: { session: string } };
    expect(value.session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(value.session).not.toBe(keyOf(url));
  });

  it('a launch key works once: a second trade is refused, and the URL then answers 403 "no longer works"', async () => {
    const url = host.newLaunchUrl();
    await exchange(keyOf(url));
    const again = await postSession(keyOf(url));
    expect(again.status).toBe(403);
    expect(JSON.parse(again.body)).toMatchObject({ ok: false, error: { code: 'transport' } });
    const reopened = await request({ path: `/?key=${keyOf(url)}` });
    expect(reopened.status).toBe(403);
    expect(reopened.body).toContain('This launch URL no longer works');
    expect(reopened.body).not.toContain(indexHtml);
  });

  it('a wrong key answers 403 and sets no cookie', async () => {
    const reply = await request({ path: `/?key=${key.slice(0, -1)}${key.endsWith('X') ? 'Y' : 'X'}` });
    expect(reply.status).toBe(403);
    expect(reply.headers['set-cookie']).toBeUndefined();
    expect(reply.body).not.toContain(indexHtml);
    expect((await postSession(`${key.slice(0, -1)}${key.endsWith('X') ? 'Y' : 'X'}`)).status).toBe(403);
    expect((await postSession(42)).status).toBe(403);
  });

  it('the page itself holds no data and is served without a key (a reload); every call without a session is 401', async () => {
    const reply = await request({ path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(indexHtml);
    expect((await callApi('listTokens', {}, {})).status).toBe(401);
  });

  it('a new launch URL opens a second session; the first stays open', async () => {
    const second = await exchange(keyOf(host.newLaunchUrl()));
    expect(second).not.toBe(session);
    expect((await callApi('listTokens', {}, { 'x-lapse-key': second })).status).toBe(200);
    expect((await callApi('listTokens', {})).status).toBe(200);
  });

  it('built assets are served without the key (they hold no data)', async () => {
    const reply = await request({ path: '/assets/app.js' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/javascript/);
    expect(reply.headers['cache-control']).toMatch(/immutable/);
    // Judged on the decoded path: a traversal back to the page is not a cacheable asset.
    expect((await request({ path: '/assets/..%2findex.html' })).headers['cache-control']).toBe('no-store');
  });

  it('the session is traded only by this origin: foreign Host, Origin or a cross-site fetch are refused and spend nothing', async () => {
    const url = host.newLaunchUrl();
    const foreign: Record<string, string>[] = [
      { host: `evil.example:${host.port}` },
      { origin: 'http://127.0.0.1:1' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of foreign) {
      expect((await postSession(keyOf(url), headers)).status, JSON.stringify(headers)).toBe(403);
    }
    const form = await request({
      method: 'POST',
      path: '/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `key=${keyOf(url)}`,
    });
    expect(JSON.parse(form.body)).toMatchObject({ ok: false, error: { code: 'transport' } });
    expect((await postSession(keyOf(url))).status).toBe(200);
  });
});

describe('what opens the API', () => {
  it('the launch key itself is no credential for calls, in a header or a cookie', async () => {
    expect((await callApi('listTokens', {}, { 'x-lapse-key': key })).status).toBe(401);
    expect((await callApi('listTokens', {}, { cookie: `lapse_key=${key}` })).status).toBe(401);
  });

  it('nor is the session secret as a cookie, a query parameter or a Bearer token: only the header', async () => {
    expect((await callApi('listTokens', {}, { cookie: `lapse_key=${session}` })).status).toBe(401);
    expect(
      (await request({ method: 'POST', path: `/api/listTokens?key=${session}`, headers: json, body: '{}' })).status,
    ).toBe(401);
    expect((await callApi('listTokens', {}, { authorization: `Bearer ${session}` })).status).toBe(401);
    // One character changed (never the same one: a key ending in 'A' once made this a right key).
    expect(
      (
        await callApi(
          'listTokens',
          {},
          { 'x-lapse-key': `${session.slice(0, -1)}${session.endsWith('A') ? 'B' : 'A'}` },
        )
      ).status,
    ).toBe(401);
  });
});

describe('the API over HTTP', () => {
  beforeEach(() => {
    keychain.entries.clear();
  });

  it('a call without the key answers 401 with a transport error', async () => {
    const reply = await callApi('listTokens', {}, {});
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'transport' } });
  });

  it('a call with the session header works', async () => {
    const listed = await callApi('listTokens', {});
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.body)).toMatchObject({ ok: true, value: { tokens: expect.any(Array) } });
    const state = await callApi('getVaultState', {});
    expect(JSON.parse(state.body)).toMatchObject({ ok: true, value: { keychain: { available: true } } });
  });

  it('adding a token over HTTP stores it, and no answer carries the secret', async () => {
    const secret = fakeTokens.gitlabRoutable();
    const added = await callApi('addToken', { label: 'via http', secret });
    const view = JSON.parse(added.body) as { ok: boolean; value: { id: string } };
    expect(view.ok).toBe(true);
    const listed = await callApi('listTokens', {});
    expect(keychain.entries.get(view.value.id)).toBe(secret);
    expect(tracesIn(added.body + listed.body, secret)).toEqual([]);
  });

  it('a body that is not JSON-typed is refused as an error result, and nothing runs', async () => {
    const secret = fakeTokens.npm();
    const reply = await request({
      method: 'POST',
      path: '/api/addToken',
      headers: { ...withSession(), 'content-type': 'text/plain' },
      body: JSON.stringify({ label: 'csrf', secret }),
    });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'transport' } });
    expect(keychain.entries.size).toBe(0);
  });

  it('malformed JSON and unknown calls are error results', async () => {
    const bad = await request({
      method: 'POST',
      path: '/api/listTokens',
      headers: { ...withSession(), ...json },
      body: '{"oops',
    });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknown = await callApi('dropDatabase', {});
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('GET on an API path is refused (405)', async () => {
    expect((await request({ path: '/api/listTokens', headers: withSession() })).status).toBe(405);
  });

  it('a body over 64 KiB answers with an invalid-input result (not a dropped connection), and nothing runs', async () => {
    const body = JSON.stringify({ label: 'huge', secret: `FAKE${'x'.repeat(70 * 1024)}` });
    const reply = await request({
      method: 'POST',
      path: '/api/addToken',
      headers: { ...withSession(), ...json },
      body,
    }).catch((error: Error) => ({ status: 0, headers: {}, body: `connection error: ${error.message}` }));
    expect(reply.body).toMatch(/^\{/);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(keychain.entries.size).toBe(0);
  });
});

describe('refusing other sites', () => {
  it('a foreign Host header (DNS rebinding) is refused with 403, key or not', async () => {
    for (const headers of [{}, withSession()]) {
      const reply = await request({ path: '/', headers: { ...headers, host: `evil.example:${host.port}` } });
      expect(reply.status).toBe(403);
      expect(reply.body).not.toContain(indexHtml);
    }
    const api = await callApi('listTokens', {}, { ...withSession(), host: `evil.example:${host.port}` });
    expect(api.status).toBe(403);
    const opening = await request({
      path: `/?key=${keyOf(host.newLaunchUrl())}`,
      headers: { host: `evil.example:${host.port}` },
    });
    expect(opening.status).toBe(403);
    expect(opening.headers['set-cookie']).toBeUndefined();
  });

  it('the localhost alias of the same port is accepted', async () => {
    const reply = await callApi('listTokens', {}, { ...withSession(), host: `localhost:${host.port}` });
    expect(reply.status).toBe(200);
  });

  it('a foreign Origin is refused with 403, even with the session', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${host.port + 1}`,
      'null',
      `https://127.0.0.1:${host.port}`,
    ]) {
      const reply = await callApi('listTokens', {}, { ...withSession(), origin });
      expect(reply.status, origin).toBe(403);
    }
    const same = await callApi('listTokens', {}, { ...withSession(), origin: `http://127.0.0.1:${host.port}` });
    expect(same.status).toBe(200);
  });

  it('a cross-site fetch (Sec-Fetch-Site: cross-site) is refused', async () => {
    const reply = await callApi('listTokens', {}, { ...withSession(), 'sec-fetch-site': 'cross-site' });
    expect(reply.status).toBe(403);
  });

  it('every answer carries the CSP and no CORS header', async () => {
    const replies = await Promise.all([
      request({ path: '/' }),
      request({ path: `/?key=${keyOf(host.newLaunchUrl())}` }),
      postSession('wrong'),
      request({ path: '/?key=wrong' }),
      request({ path: '/', headers: { host: 'evil.example' } }),
      request({ path: '/assets/app.js' }),
      callApi('listTokens', {}),
      callApi('listTokens', {}, {}),
      request({
        method: 'OPTIONS',
        path: '/api/listTokens',
        headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
      }),
    ]);
    for (const reply of replies) {
      expect(reply.headers['content-security-policy']).toBe(contentSecurityPolicy);
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
      expect(reply.headers['access-control-allow-credentials']).toBeUndefined();
    }
    expect(contentSecurityPolicy).toContain("default-src 'none'");
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).not.toMatch(/unsafe-(eval|inline)/);
  });
});

describe('the listening socket', () => {
  it('is bound to 127.0.0.1 only: other addresses of this machine refuse the connection', async () => {
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((i): i is os.NetworkInterfaceInfo => !!i && !i.internal)
      .map((i) => i.address);
    others.push('::1');
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: address, port: host.port }, () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        socket.setTimeout(2000, () => {
          socket.destroy();
          resolve('timeout');
        });
      });
      expect(outcome, address).not.toBe('connected');
    }
  });
});

describe('static files', () => {
  it.each([
    '/../outside.txt',
    '/%2e%2e/outside.txt',
    '/%2E%2E%2Foutside.txt',
    '/..%2foutside.txt',
    '/assets/..%2f..%2foutside.txt',
    '/assets/%2e%2e/%2e%2e/outside.txt',
    '/..%5coutside.txt',
    '/..%2fstatic-evil%2floot.txt',
    '/%2e%2e%2fstatic-evil%2floot.txt',
    '//../outside.txt',
    '/assets/app.js%00.txt',
  ])('%s never escapes the static folder', async (target) => {
    for (const headers of [withSession(), {}]) {
      const reply = await request({ path: target, headers });
      expect(reply.body).not.toContain(outsideCanary);
    }
  });

  it('an unknown path falls back to index.html (client-side routes)', async () => {
    const reply = await request({ path: '/tokens/some-id' });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(indexHtml);
  });
});

describe('the launch key check', () => {
  it('a presented key of the right length but other bytes (non-ASCII) is simply wrong, never an exception', () => {
    expect(() => sameKey('é'.repeat(key.length), key)).not.toThrow();
    expect(sameKey('é'.repeat(key.length), key)).toBe(false);
    expect(sameKey(key, key)).toBe(true);
    expect(sameKey('', key)).toBe(false);
    expect(sameKey(null, key)).toBe(false);
  });

  it('a non-ASCII key in the launch URL gets 403 and the browser shell keeps running', async () => {
    // In a process of its own: the failure mode is an unhandled rejection, which ends a Node process.
    const script = `
      import { startHttpHost } from ${JSON.stringify(builtModule('electron/transports/http-host.js'))};
      const host = await startHttpHost({ api: {}, staticDir: process.argv[1], key: process.argv[2] });
      console.log(host.port);
      process.on('SIGTERM', () => host.close().then(() => process.exit(0)));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, staticDir, key], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.setEncoding('utf8').once('data', (c: string) => resolve(Number(c.trim())));
        child.once('exit', () => reject(new Error(`the host did not start: ${stderr}`)));
      });
      const hostile = encodeURIComponent('é'.repeat(key.length));
      const reply = await request({ port, path: `/?key=${hostile}` }).catch((error: Error) => ({
        status: 0,
        body: error.message,
      }));
      expect(
        reply.status,
        `${reply.body}; the host process ${child.exitCode === null ? 'still runs' : `exited ${child.exitCode}`}: ${stderr}`,
      ).toBe(403);
      await new Promise((r) => setTimeout(r, 200));
      expect(child.exitCode, stderr).toBeNull();
      expect((await request({ port, path: `/?key=${key}` })).status).toBe(200);
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    }
  });
});
