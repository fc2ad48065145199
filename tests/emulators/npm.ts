// The npm registry as shared/docs/providers.md §4 documents it: /-/whoami, and the token list at
// /-/npm/v1/tokens ({objects, urls.next}) showing each token only by its first characters.
import { createHash } from 'node:crypto';
import { bearerOf, startHttpEmulator, type EmulatedRequest, type EmulatedResponse, type HttpEmulator } from './http-emulator.js';

export interface NpmToken {
  username: string;
  readonly?: boolean;
  cidr?: string[] | null;
  created?: string;
  /** Whether this token may read the token list (granular tokens without that permission may not). */
  mayListTokens?: boolean;
  /** Session tokens from `npm login` are valid but not listed. */
  listed?: boolean;
  revoked?: boolean;
}

export interface NpmEmulator extends HttpEmulator {
  addToken(secret: string, token: NpmToken): void;
  tokenState(secret: string): NpmToken | undefined;
  updateToken(secret: string, changes: Partial<NpmToken>): void;
}

const keyOf = (secret: string) => createHash('sha512').update(secret).digest('hex');

/** How many characters of each token the list shows (npm shows the beginning only, e.g. `npm_1f`). */
const visibleChars = 6;

/** The npm registry on 127.0.0.1; the token list pages `perPage` tokens at a time. */
export async function startNpmEmulator(options: { latencyMs?: number; perPage?: number } = {}): Promise<NpmEmulator> {
  const tokens = new Map<string, NpmToken>();
  const perPage = options.perPage ?? 10;
  let baseUrl = '';

  const holder = (req: EmulatedRequest): { secret: string; token: NpmToken } | null => {
    const secret = bearerOf(req);
    const token = secret ? tokens.get(secret) : undefined;
    return secret && token && !token.revoked ? { secret, token } : null;
  };
  const unauthorized: EmulatedResponse = { status: 401, body: { error: 'Unauthorized' } };

  function tokenList(req: EmulatedRequest): EmulatedResponse {
    const who = holder(req);
    if (!who) return unauthorized;
    if (who.token.mayListTokens === false) return { status: 403, body: { error: 'This token may not list tokens.' } };
    const page = Math.max(0, Number(req.query.get('page') ?? 0) || 0);
    const mine = [...tokens].filter(([, t]) => t.username === who.token.username && !t.revoked && t.listed !== false);
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
    return { status: 200, body: { objects, total: mine.length, urls: { next: more ? `${baseUrl}/-/npm/v1/tokens?page=${page + 1}&perPage=${perPage}` : undefined } } };
  }

  /** DELETE /-/npm/v1/tokens/token/{key}: one of the caller's own tokens, by the key the list shows. */
  function deleteToken(req: EmulatedRequest): EmulatedResponse {
    const who = holder(req);
    if (!who) return unauthorized;
    const key = decodeURIComponent(req.path.slice('/-/npm/v1/tokens/token/'.length));
    const target = [...tokens].find(([secret, t]) => t.username === who.token.username && !t.revoked && keyOf(secret) === key);
    if (!target) return { status: 404, body: { error: 'Token not found' } };
    tokens.set(target[0], { ...target[1], revoked: true });
    return { status: 204 };
  }

  const emulator = await startHttpEmulator(
    {
      handle(req) {
        if (req.method === 'DELETE' && req.path.startsWith('/-/npm/v1/tokens/token/')) return deleteToken(req);
        if (req.method !== 'GET') return null;
        if (req.path === '/-/whoami') {
          const who = holder(req);
          return who ? { status: 200, body: { username: who.token.username } } : unauthorized;
        }
        if (req.path === '/-/npm/v1/tokens') return tokenList(req);
        return null;
      },
      notFound: () => ({ status: 404, body: { error: 'Not found' } }),
      rateLimited: (seconds) => ({ status: 429, headers: { 'retry-after': String(seconds) }, body: { error: 'Too Many Requests' } }),
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
  });
}
