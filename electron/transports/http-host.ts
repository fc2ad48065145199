import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { limitConnections, timeoutOptions, type ConnectionLimits } from './connection-limits.js';
import type { LapseApi } from '../../shared/api.js';
import { fail } from '../../shared/result.js';
import { dispatch } from './dispatch.js';
import { hasSession, refusal } from './http-guard.js';
import { launchKeys, newSecret, type LaunchKeys } from './launch-keys.js';
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
  /** Tests may fix the first launch key; otherwise a fresh random one per launch. */
  key?: string;
  /** Changes to the vault folder, streamed to each open page at GET /api/events. */
  changes?: ChangeFeed;
  /** What any local process may hold open (tests lower them). */
  limits?: ConnectionLimits;
}

/** A browser keeps about six connections per host, and one change stream per open tab. */
export const shellLimits: ConnectionLimits = { connections: 64, silentMs: 10_000 };

/** How often an idle change stream says it is still there (proxies and sleeping laptops drop silent ones). */
export const heartbeatMs = 25_000;

/**
 * GET /api/events: a `text/event-stream` of `changed` events for as long as the page keeps it open.
 * The page reads it with fetch() (not EventSource), so it carries the same credentials as every call.
 */
function streamChanges(changes: ChangeFeed | undefined, req: IncomingMessage, res: ServerResponse) {
  if (!changes) return send(res, 404, 'text/plain', 'No change stream here.');
  res.writeHead(200, {
    ...baseHeaders,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
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
  /** The URL to open, with a single-use launch key in it. */
  url: string;
  port: number;
  /** Another single-use launch URL (the first was used, or its tab closed); sessions already open stay open. */
  newLaunchUrl(): string;
  close(): Promise<void>;
}

/** The path the page posts its launch key to, once, for a session secret. */
export const sessionPath = '/session';

const baseHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
) {
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

const jsonType = 'application/json; charset=utf-8';

/** The request's JSON body, or the answer already sent when it is not acceptable. */
async function jsonBody(req: IncomingMessage, res: ServerResponse): Promise<{ arg: unknown } | null> {
  if (req.method !== 'POST') {
    send(res, 405, 'text/plain', 'POST only', { Allow: 'POST' });
    return null;
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    send(res, 200, jsonType, JSON.stringify(fail('transport', 'Requests must be JSON.')));
    return null;
  }
  const body = await readBody(req);
  if (body === null) {
    const tooLarge = fail('invalid-input', `The request is larger than ${maxBodyBytes / 1024} KiB.`);
    send(res, 413, jsonType, JSON.stringify(tooLarge), { Connection: 'close' });
    return null;
  }
  try {
    return { arg: body ? JSON.parse(body) : {} };
  } catch {
    send(res, 200, jsonType, JSON.stringify(fail('invalid-input', 'The request body is not valid JSON.')));
    return null;
  }
}

async function handleApi(api: LapseApi, method: string, req: IncomingMessage, res: ServerResponse) {
  const body = await jsonBody(req, res);
  if (body) send(res, 200, jsonType, JSON.stringify(await dispatch(api, method, body.arg)));
}

/** One launch of the host: what it serves, the credentials it gave out, and the port it bound. */
interface HostState {
  api: LapseApi;
  staticDir: string;
  changes: ChangeFeed | undefined;
  keys: LaunchKeys;
  /** The session secrets given out for launch keys; each page sends its own in a header. */
  sessions: Set<string>;
  /** 0 until the server listens. */
  port: number;
}

/** POST /session: the page trades its launch key (once) for a session secret. */
async function openSession(host: HostState, req: IncomingMessage, res: ServerResponse) {
  const body = await jsonBody(req, res);
  if (!body) return;
  const given =
    typeof body.arg === 'object' && body.arg !== null ? (body.arg as Record<string, unknown>)['key'] : undefined;
  if (!host.keys.take(given)) {
    return send(res, 403, jsonType, JSON.stringify(fail('transport', usedUrl)));
  }
  const session = newSecret();
  host.sessions.add(session);
  send(res, 200, jsonType, JSON.stringify({ ok: true, value: { session } }));
}

/** /api/*: only with a session; the change stream, or one call of the contract. */
function serveApi(host: HostState, url: URL, req: IncomingMessage, res: ServerResponse) {
  if (!hasSession(req, host.sessions)) {
    return send(
      res,
      401,
      jsonType,
      JSON.stringify(fail('transport', 'This page has no session with Lapse: open the URL that lapse serve printed.')),
    );
  }
  if (url.pathname === '/api/events' && req.method === 'GET') return streamChanges(host.changes, req, res);
  return handleApi(host.api, url.pathname.slice(5), req, res);
}

/** Everything else: the built page and its assets (GET only), or a page saying a launch URL was used. */
async function servePage(host: HostState, url: URL, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only', { Allow: 'GET' });
  // A launch URL that was used (or never given out) opens nothing: say so instead of a blank app.
  if (url.pathname === '/' && url.searchParams.has('key') && !host.keys.isUnused(url.searchParams.get('key'))) {
    return send(res, 403, 'text/html; charset=utf-8', plainPage('This launch URL no longer works', usedUrlHtml));
  }
  // The page and its assets hold no data: every datum comes from /api/*, which needs the session.
  const file =
    (await readStaticFile(host.staticDir, url.pathname)) ?? (await readStaticFile(host.staticDir, '/index.html'));
  if (!file) {
    return send(
      res,
      500,
      'text/html; charset=utf-8',
      plainPage('The window is not built', 'Run <code>npm run build</code>, then start Lapse again.'),
    );
  }
  send(
    res,
    200,
    file.type,
    file.body,
    isBuiltAsset(url.pathname) ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {},
  );
}

/** One request: refused unless its Host, Origin and Sec-Fetch-Site are this launch's; then routed. */
async function handle(host: HostState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const refused = refusal(req, host.port);
  if (refused) return send(res, 403, 'text/plain; charset=utf-8', `Refused: ${refused}.`);

  if (url.pathname === sessionPath) return openSession(host, req, res);
  if (url.pathname.startsWith('/api/')) return serveApi(host, url, req, res);
  return servePage(host, url, req, res);
}

/** Listens on 127.0.0.1 only; answers the port bound (a free one for 0). */
async function listenOnLoopback(server: http.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/**
 * The browser shell's host: the built renderer and the contract over HTTP, on 127.0.0.1 only.
 *
 * The URL it prints carries a single-use launch key. The page posts that key to `/session` once
 * and gets a session secret, which it keeps in the tab (sessionStorage) and sends in a header on
 * every call; the URL's key is dead from then on, so copies of the URL in history, session files
 * or the terminal's scrollback open nothing. No cookie is ever set: cookies are not isolated by
 * port (RFC 6265 §8.5), so every other server on 127.0.0.1 the browser visits would receive one.
 * Host, Origin and Sec-Fetch-Site checks refuse other origins; there is no CORS.
 */
export async function startHttpHost({
  api,
  staticDir,
  port = 0,
  key,
  changes,
  limits = shellLimits,
}: HttpHostOptions): Promise<HttpHost> {
  const host: HostState = {
    api,
    staticDir,
    changes,
    keys: launchKeys(key ?? newSecret()),
    sessions: new Set<string>(),
    port: 0,
  };
  const server = http.createServer(timeoutOptions(limits), (req, res) => {
    // Whatever goes wrong in one request is that request's 500, never the end of the shell.
    handle(host, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, jsonType, JSON.stringify(fail('internal', 'The request failed.')));
      else res.destroy();
    });
  });
  limitConnections(server, limits);
  host.port = await listenOnLoopback(server, port);
  const urlWith = (launchKey: string) => `http://127.0.0.1:${host.port}/?key=${launchKey}`;
  return {
    url: urlWith(host.keys.oldest() as string),
    port: host.port,
    newLaunchUrl: () => urlWith(host.keys.issue()),
    close: () =>
      new Promise<void>((resolve) => {
        changes?.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const usedUrl =
  "This launch URL was already used (each one opens Lapse once) or is not this launch's. Go back to the Lapse tab, or get a new URL from lapse serve.";
const usedUrlHtml =
  'Each URL <code>lapse serve</code> prints opens Lapse once, in one tab. Go back to that tab, or press Enter in the terminal where <code>lapse serve</code> runs for a new URL (or start it again).';

/** A built, content-hashed file: cached for good. Judged on the decoded path, so `/assets/..%2f…` is not one. */
function isBuiltAsset(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return decoded.startsWith('/assets/') && !decoded.split(/[\\/]/).includes('..');
}
