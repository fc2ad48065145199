// The npm registry as npm/registry docs/user/authentication.md and npm's own client describe it:
// /-/whoami (npm/cli lib/utils/get-identity.js), the token list /-/npm/v1/tokens (Page of Token
// objects: key = sha512 of the token, token shown by its first characters, cidr_whitelist,
// readonly), DELETE /-/npm/v1/tokens/token/{key}, the 401 challenges npm/npm-registry-fetch
// lib/check-response.js reads (www-authenticate: ipaddress / otp), two-factor auth-and-writes, and
// a deleted token that keeps working for up to an hour. Each behaviour names its source.
import { createHash } from 'node:crypto';
import {
  bearerOf,
  startHttpEmulator,
  type EmulatedRequest,
  type EmulatedResponse,
  type HttpEmulator,
} from './http-emulator.js';

export interface NpmToken {
  username: string;
  /** "the token may only be used to authenticate for non-destructive HTTP methods" (Token object). */
  readonly?: boolean;
  /** "The token will only be valid for requesting IPs specified by this list" (Token Create). */
  cidr?: string[] | null;
  created?: string;
  /** Whether this token may read the token list (granular tokens without that permission may not). */
  mayListTokens?: boolean;
  /** Session tokens from `npm login` are valid but not listed. */
  listed?: boolean;
  revoked?: boolean;
  /** When it was deleted: "this does not evict the token from cache. It will continue to be valid for one hour" (Token Delete). */
  deletedAt?: number;
}

/** A user's two-factor mode (Two Factor Authentication): `auth-and-writes` puts every PUT, DELETE and POST behind npm-otp. */
export type NpmTwoFactor = 'auth-only' | 'auth-and-writes' | null;

export interface NpmEmulator extends HttpEmulator {
  addToken(secret: string, token: NpmToken): void;
  tokenState(secret: string): NpmToken | undefined;
  updateToken(secret: string, changes: Partial<NpmToken>): void;
  /** Turn a user's two-factor mode on; `code` is the one-time code their authenticator shows now. */
  setTwoFactor(username: string, mode: NpmTwoFactor, code?: string): void;
  /** Whether the registry still accepts the token for requests (a deleted one does for an hour). */
  accepts(secret: string): boolean;
  /** Whether the token was deleted (by DELETE, or added as revoked). */
  deleted(secret: string): boolean;
}

const keyOf = (secret: string) => createHash('sha512').update(secret).digest('hex');

/** How many characters of each token the list shows (npm shows the beginning only, e.g. `npm_1f`). */
const visibleChars = 6;

/** Whether an IPv4 address is inside a CIDR range such as 192.0.2.0/24. */
function inCidr(address: string, cidr: string): boolean {
  const [range = '', bits = '32'] = cidr.split('/');
  const toNumber = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(address) || !/^\d+\.\d+\.\d+\.\d+$/.test(range)) return false;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toNumber(address) / size) === Math.floor(toNumber(range) / size);
}

/** The npm registry on 127.0.0.1; the token list pages `perPage` tokens at a time (default 10, 1–9999). */
export async function startNpmEmulator(
  options: { latencyMs?: number; perPage?: number; maxPerPage?: number; cacheAfterDeleteMs?: number } = {},
): Promise<NpmEmulator> {
  const tokens = new Map<string, NpmToken>();
  const twoFactor = new Map<string, { mode: NpmTwoFactor; code: string }>();
  const defaultPerPage = options.perPage ?? 10;
  const cacheMs = options.cacheAfterDeleteMs ?? 60 * 60_000;
  let baseUrl = '';

  const accepts = (t: NpmToken) => !t.revoked && (t.deletedAt === undefined || Date.now() - t.deletedAt < cacheMs);
  const unauthorized: EmulatedResponse = { status: 401, body: { error: 'Unauthorized' } };

  /** The token a request carries, or the 401 npm answers; `write`: a PUT, DELETE or POST. */
  function holder(req: EmulatedRequest, write = false): { secret: string; token: NpmToken } | EmulatedResponse {
    const secret = bearerOf(req);
    const token = secret ? tokens.get(secret) : undefined;
    if (!secret || !token || !accepts(token)) return unauthorized;
    if (token.cidr?.length && !token.cidr.some((range) => inCidr(req.remoteAddress, range))) {
      // check-response.js: www-authenticate containing "ipaddress" → EAUTHIP "Login is not allowed from your IP address".
      return {
        status: 401,
        headers: { 'www-authenticate': 'ipaddress' },
        body: { error: 'Login is not allowed from your IP address' },
      };
    }
    const tfa = twoFactor.get(token.username);
    if (write && tfa?.mode === 'auth-and-writes' && req.headers['npm-otp'] !== tfa.code) {
      // check-response.js: www-authenticate containing "otp" → EOTP; npm's words for it name a one-time pass.
      return {
        status: 401,
        headers: { 'www-authenticate': 'OTP' },
        body: { error: 'You must provide a one-time pass. Upgrade your client to npm@latest in order to use 2FA.' },
      };
    }
    return { secret, token };
  }

  function tokenList(req: EmulatedRequest): EmulatedResponse {
    const who = holder(req);
    if ('status' in who) return who;
    if (who.token.mayListTokens === false) return { status: 403, body: { error: 'This token may not list tokens.' } };
    const page = Math.max(0, Number(req.query.get('page') ?? 0) || 0);
    // perPage 1–9999 (Token List); `maxPerPage` plays a registry that pages anyway, so `urls.next` is followed.
    const perPage = Math.min(
      options.maxPerPage ?? 9999,
      Math.max(1, Number(req.query.get('perPage') ?? defaultPerPage) || defaultPerPage),
    );
    // "Fetch a user's active tokens": a deleted token is gone from the list at once, whatever the cache does.
    const mine = [...tokens].filter(
      ([, t]) => t.username === who.token.username && !t.revoked && t.deletedAt === undefined && t.listed !== false,
    );
    const objects = mine.slice(page * perPage, (page + 1) * perPage).map(([secret, t]) => ({
      token: secret.slice(0, visibleChars),
      key: keyOf(secret),
      cidr_whitelist: t.cidr ?? null,
      readonly: t.readonly ?? false,
      automation: false,
      created: t.created ?? '2026-01-01T00:00:00.000Z',
      updated: t.created ?? '2026-01-01T00:00:00.000Z',
    }));
    const more = (page + 1) * perPage < mine.length;
    return {
      status: 200,
      body: {
        objects,
        total: mine.length,
        urls: { next: more ? `${baseUrl}/-/npm/v1/tokens?page=${page + 1}&perPage=${perPage}` : undefined },
      },
    };
  }

  /** DELETE /-/npm/v1/tokens/token/{key}: one of the caller's own tokens, by the key the list shows → 204. */
  function deleteToken(req: EmulatedRequest): EmulatedResponse {
    const who = holder(req, true);
    if ('status' in who) return who;
    // A read-only token authenticates only GET and HEAD (Token object); the status for a write is not documented: 403 here.
    if (who.token.readonly) return { status: 403, body: { error: 'This token is read-only.' } };
    const key = decodeURIComponent(req.path.slice('/-/npm/v1/tokens/token/'.length));
    const target = [...tokens].find(
      ([secret, t]) =>
        t.username === who.token.username && !t.revoked && t.deletedAt === undefined && keyOf(secret) === key,
    );
    if (!target) return { status: 404, body: { error: 'Token not found' } };
    tokens.set(target[0], { ...target[1], deletedAt: Date.now() });
    return { status: 204 };
  }

  const emulator = await startHttpEmulator(
    {
      handle(req) {
        if (req.method === 'DELETE' && req.path.startsWith('/-/npm/v1/tokens/token/')) return deleteToken(req);
        if (req.method !== 'GET') return null;
        if (req.path === '/-/whoami') {
          const who = holder(req);
          return 'status' in who ? who : { status: 200, body: { username: who.token.username } };
        }
        if (req.path === '/-/npm/v1/tokens') return tokenList(req);
        return null;
      },
      notFound: () => ({ status: 404, body: { error: 'Not found' } }),
      rateLimited: (seconds) => ({
        status: 429,
        headers: { 'retry-after': String(seconds) },
        body: { error: 'Too Many Requests' },
      }),
      serverError: (status) => ({ status, body: { error: 'Internal Server Error' } }),
    },
    options,
  );
  baseUrl = emulator.url;
  return Object.assign(emulator, {
    addToken: (secret: string, token: NpmToken) => void tokens.set(secret, token),
    tokenState: (secret: string) => tokens.get(secret),
    updateToken: (secret: string, changes: Partial<NpmToken>) => {
      const token = tokens.get(secret);
      if (token) tokens.set(secret, { ...token, ...changes });
    },
    setTwoFactor: (username: string, mode: NpmTwoFactor, code = '123456') =>
      void twoFactor.set(username, { mode, code }),
    deleted: (secret: string) => {
      const token = tokens.get(secret);
      return Boolean(token && (token.revoked || token.deletedAt !== undefined));
    },
    accepts: (secret: string) => {
      const token = tokens.get(secret);
      return Boolean(token && accepts(token));
    },
  });
}
