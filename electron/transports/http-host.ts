import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LapseApi } from '../../shared/api.js';
import { fail } from '../../shared/result.js';
import { dispatch } from './dispatch.js';
import { keyCookie, refusal, sameKey } from './http-guard.js';
import type { ChangeFeed } from './change-feed.js';
import { readStaticFile } from './static-files.js';

export const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const maxBodyBytes = 64 * 1024;

export interface HttpHostOptions {
  api: LapseApi;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Tests may fix the key; otherwise a fresh random one per launch. */
  key?: string;
  /** Changes to the vault folder, streamed to each open page at GET /api/events. */
  changes?: ChangeFeed;
}

/** How often an idle change stream says it is still there (proxies and sleeping laptops drop silent ones). */
export const heartbeatMs = 25_000;

/**
 * GET /api/events: a `text/event-stream` of `changed` events for as long as the page keeps it open.
 * The page reads it with fetch() (not EventSource), so it carries the same credentials as every call.
 */
function streamChanges(changes: ChangeFeed | undefined, req: IncomingMessage, res: ServerResponse) {
  if (!changes) return send(res, 404, 'text/plain', 'No change stream here.');
  res.writeHead(200, { ...baseHeaders, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.write(': Lapse changes\n\n');
  const unsubscribe = changes.subscribe((kinds) => res.write(`event: changed\ndata: ${JSON.stringify({ kinds })}\n\n`));
  const heartbeat = setInterval(() => res.write(': still here\n\n'), heartbeatMs);
  const end = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', end);
  res.on('error', end);
}

export interface HttpHost {
  /** The URL to open, with the launch key in it. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const baseHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...baseHeaders, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

const plainPage = (title: string, text: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><body><h1>${title}</h1><p>${text}</p></body></html>`;

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the cap: answer now, discard the rest (destroying the socket would lose the answer).
      if (size > maxBodyBytes) resolve(null);
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

async function handleApi(api: LapseApi, method: string, req: IncomingMessage, res: ServerResponse) {
  const json = (value: unknown) => send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
  if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only', { Allow: 'POST' });
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return json(fail('transport', 'Requests must be JSON.'));
  }
  const body = await readBody(req);
  if (body === null) {
    const tooLarge = fail('invalid-input', `The request is larger than ${maxBodyBytes / 1024} KiB.`);
    return send(res, 413, 'application/json; charset=utf-8', JSON.stringify(tooLarge), { Connection: 'close' });
  }
  let arg: unknown;
  try {
    arg = body ? JSON.parse(body) : {};
  } catch {
    return json(fail('invalid-input', 'The request body is not valid JSON.'));
  }
  json(await dispatch(api, method, arg));
}

/**
 * The browser shell's host: the built renderer and the contract over HTTP, on 127.0.0.1 only,
 * guarded by a per-launch key (URL, then an HttpOnly cookie), Host and Origin checks, no CORS.
 */
export async function startHttpHost({ api, staticDir, port = 0, key, changes }: HttpHostOptions): Promise<HttpHost> {
  const launchKey = key ?? randomBytes(24).toString('base64url');
  let boundPort = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isAsset = req.method === 'GET' && url.pathname.startsWith('/assets/');
    const opening = req.method === 'GET' && url.pathname === '/' && url.searchParams.has('key');
    const refused = refusal(req, boundPort, launchKey, false);
    if (refused) return send(res, 403, 'text/plain; charset=utf-8', `Refused: ${refused}.`);

    if (opening) {
      if (!sameKey(url.searchParams.get('key'), launchKey)) {
        return send(res, 403, 'text/html; charset=utf-8', plainPage('Wrong launch key', 'Open the exact URL that <code>lapse serve</code> printed.'));
      }
      // Move the key from the URL into an HttpOnly cookie, then drop it from the address bar.
      return send(res, 303, 'text/plain', '', {
        'Set-Cookie': `${keyCookie}=${launchKey}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      });
    }
    if (!isAsset && refusal(req, boundPort, launchKey, true)) {
      return url.pathname.startsWith('/api/')
        ? send(res, 401, 'application/json', JSON.stringify(fail('transport', 'Missing or wrong launch key; open the URL that lapse serve printed.')))
        : send(res, 401, 'text/html; charset=utf-8', plainPage('Open Lapse from its launch URL', 'This page needs the launch key: open the exact URL that <code>lapse serve</code> printed.'));
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return streamChanges(changes, req, res);
    if (url.pathname.startsWith('/api/')) return handleApi(api, url.pathname.slice(5), req, res);
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only', { Allow: 'GET' });
    const file = (await readStaticFile(staticDir, url.pathname)) ?? (await readStaticFile(staticDir, '/index.html'));
    if (!file) {
      return send(res, 500, 'text/html; charset=utf-8', plainPage('The window is not built', 'Run <code>npm run build</code>, then start Lapse again.'));
    }
    send(res, 200, file.type, file.body, isAsset ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {});
  }

  const server = http.createServer((req, res) => {
    // Whatever goes wrong in one request is that request's 500, never the end of the shell.
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'application/json; charset=utf-8', JSON.stringify(fail('internal', 'The request failed.')));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  boundPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${boundPort}/?key=${launchKey}`,
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        changes?.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
