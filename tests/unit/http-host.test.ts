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
function request({ method = 'GET', path: p = '/', headers = {}, body, hostname = '127.0.0.1', port = host.port }: Request): Promise<Reply> {
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

const withKey = { 'x-lapse-key': key };
const cookie = { cookie: `lapse_key=${key}` };
const json = { 'content-type': 'application/json' };
const callApi = (method: string, arg: unknown, headers: Record<string, string> = { ...cookie }) =>
  request({ method: 'POST', path: `/api/${method}`, headers: { ...json, ...headers }, body: JSON.stringify(arg) });

describe('opening the browser shell', () => {
  it('prints a launch URL on 127.0.0.1 with the key in it', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?key=${key}`);
  });

  it('the right key in the URL answers 303 to / with an HttpOnly, SameSite=Strict cookie', async () => {
    const reply = await request({ path: `/?key=${key}` });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    const setCookie = reply.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(new RegExp(`^lapse_key=${key};`));
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
  });

  it('a wrong key answers 403 and sets no cookie', async () => {
    const reply = await request({ path: `/?key=${key.slice(0, -1)}X` });
    expect(reply.status).toBe(403);
    expect(reply.headers['set-cookie']).toBeUndefined();
    expect(reply.body).not.toContain(indexHtml);
  });

  it('the page without the key is refused (401) and does not serve the app', async () => {
    const reply = await request({ path: '/' });
    expect(reply.status).toBe(401);
    expect(reply.body).not.toContain(indexHtml);
  });

  it('the page with the cookie serves index.html', async () => {
    const reply = await request({ path: '/', headers: cookie });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(indexHtml);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
  });

  it('built assets are served without the key (they hold no data)', async () => {
    const reply = await request({ path: '/assets/app.js' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/javascript/);
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

  it('a call with a wrong key in the header answers 401', async () => {
    const reply = await callApi('listTokens', {}, { 'x-lapse-key': `${key.slice(0, -1)}X` });
    expect(reply.status).toBe(401);
  });

  it('a call with the cookie (or the header) works', async () => {
    const byCookie = await callApi('listTokens', {});
    expect(byCookie.status).toBe(200);
    expect(JSON.parse(byCookie.body)).toMatchObject({ ok: true, value: { tokens: expect.any(Array) } });
    const byHeader = await callApi('getVaultState', {}, withKey);
    expect(JSON.parse(byHeader.body)).toMatchObject({ ok: true, value: { keychain: { available: true } } });
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
      headers: { ...cookie, 'content-type': 'text/plain' },
      body: JSON.stringify({ label: 'csrf', secret }),
    });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'transport' } });
    expect(keychain.entries.size).toBe(0);
  });

  it('malformed JSON and unknown calls are error results', async () => {
    const bad = await request({ method: 'POST', path: '/api/listTokens', headers: { ...cookie, ...json }, body: '{"oops' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknown = await callApi('dropDatabase', {});
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('GET on an API path is refused (405)', async () => {
    expect((await request({ path: '/api/listTokens', headers: cookie })).status).toBe(405);
  });

  it('a body over 64 KiB answers with an invalid-input result (not a dropped connection), and nothing runs', async () => {
    const body = JSON.stringify({ label: 'huge', secret: `FAKE${'x'.repeat(70 * 1024)}` });
    const reply = await request({ method: 'POST', path: '/api/addToken', headers: { ...cookie, ...json }, body }).catch(
      (error: Error) => ({ status: 0, headers: {}, body: `connection error: ${error.message}` }),
    );
    expect(reply.body).toMatch(/^\{/);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(keychain.entries.size).toBe(0);
  });
});

describe('refusing other sites', () => {
  it('a foreign Host header (DNS rebinding) is refused with 403, key or not', async () => {
    for (const headers of [{}, cookie]) {
      const reply = await request({ path: '/', headers: { ...headers, host: `evil.example:${host.port}` } });
      expect(reply.status).toBe(403);
      expect(reply.body).not.toContain(indexHtml);
    }
    const api = await callApi('listTokens', {}, { ...cookie, host: `evil.example:${host.port}` });
    expect(api.status).toBe(403);
    const opening = await request({ path: `/?key=${key}`, headers: { host: `evil.example:${host.port}` } });
    expect(opening.status).toBe(403);
    expect(opening.headers['set-cookie']).toBeUndefined();
  });

  it('the localhost alias of the same port is accepted', async () => {
    const reply = await request({ path: '/', headers: { ...cookie, host: `localhost:${host.port}` } });
    expect(reply.status).toBe(200);
  });

  it('a foreign Origin is refused with 403, even with the cookie', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${host.port + 1}`, 'null', `https://127.0.0.1:${host.port}`]) {
      const reply = await callApi('listTokens', {}, { ...cookie, origin });
      expect(reply.status, origin).toBe(403);
    }
    const same = await callApi('listTokens', {}, { ...cookie, origin: `http://127.0.0.1:${host.port}` });
    expect(same.status).toBe(200);
  });

  it('a cross-site fetch (Sec-Fetch-Site: cross-site) is refused', async () => {
    const reply = await callApi('listTokens', {}, { ...cookie, 'sec-fetch-site': 'cross-site' });
    expect(reply.status).toBe(403);
  });

  it('every answer carries the CSP and no CORS header', async () => {
    const replies = await Promise.all([
      request({ path: '/', headers: cookie }),
      request({ path: '/' }),
      request({ path: `/?key=${key}` }),
      request({ path: '/?key=wrong' }),
      request({ path: '/', headers: { host: 'evil.example' } }),
      request({ path: '/assets/app.js' }),
      callApi('listTokens', {}),
      callApi('listTokens', {}, {}),
      request({ method: 'OPTIONS', path: '/api/listTokens', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } }),
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
    for (const headers of [cookie, {}]) {
      const reply = await request({ path: target, headers });
      expect(reply.body).not.toContain(outsideCanary);
    }
  });

  it('an unknown path falls back to index.html (client-side routes)', async () => {
    const reply = await request({ path: '/tokens/some-id', headers: cookie });
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
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, staticDir, key], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.setEncoding('utf8').once('data', (c: string) => resolve(Number(c.trim())));
        child.once('exit', () => reject(new Error(`the host did not start: ${stderr}`)));
      });
      const hostile = encodeURIComponent('é'.repeat(key.length));
      const reply = await request({ port, path: `/?key=${hostile}` }).catch((error: Error) => ({ status: 0, body: error.message }));
      expect(reply.status, `${reply.body}; the host process ${child.exitCode === null ? 'still runs' : `exited ${child.exitCode}`}: ${stderr}`).toBe(403);
      await new Promise((r) => setTimeout(r, 200));
      expect(child.exitCode, stderr).toBeNull();
      expect((await request({ port, path: `/?key=${key}` })).status).toBe(303);
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    }
  });
});
