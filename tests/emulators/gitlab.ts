// GitLab's REST API as shared/docs/providers.md §2 documents it: the token's own record at
// /api/v4/personal_access_tokens/self, its user at /api/v4/user, and the api_guard error bodies.
import { randomBytes, randomInt } from 'node:crypto';
import { bearerOf, startHttpEmulator, type EmulatedRequest, type EmulatedResponse, type HttpEmulator } from './http-emulator.js';

export interface GitlabToken {
  username: string;
  userId?: number;
  name?: string;
  scopes: string[];
  /** `YYYY-MM-DD` (the token stops working at 00:00 UTC that day), or null. */
  expiresAt?: string | null;
  revoked?: boolean;
  /** As GitLab keeps it: updated on each authenticated call, at most every 10 minutes. */
  lastUsedAt?: string | null;
  createdAt?: string;
  /** Tokens rotated from one another share a family: reusing a revoked one revokes them all. */
  family?: number;
  /** false: GitLab answers DELETE self with its `403 Forbidden` (one of the errors §2 lists for it). */
  selfRevocable?: boolean;
}

export interface GitlabEmulator extends HttpEmulator {
  addToken(secret: string, token: GitlabToken): void;
  updateToken(secret: string, changes: Partial<GitlabToken>): void;
  /** The token as GitLab holds it now (e.g. its last_used_at after a call), with the id its API lists it by. */
  tokenState(secret: string): (GitlabToken & { id: number }) | undefined;
  /** Every token GitLab holds that still works, by secret. */
  liveTokens(): string[];
}

const lastUsedEvery = 10 * 60_000;
const userScopes = ['api', 'read_api', 'read_user'];
const rotateScopes = ['api', 'self_rotate'];

/** A GitLab instance on 127.0.0.1. `selfEndpoint: false` plays a GitLab older than 15.5. */
export async function startGitlabEmulator(options: { latencyMs?: number; selfEndpoint?: boolean } = {}): Promise<GitlabEmulator> {
  const tokens = new Map<string, GitlabToken & { id: number }>();

  const unauthorized: EmulatedResponse = { status: 401, body: { message: '401 Unauthorized' } };
  const forbidden: EmulatedResponse = { status: 403, body: { message: '403 Forbidden' } };

  /** api_guard: find the token, refuse revoked and expired ones, then mark it used. */
  function authenticate(req: EmulatedRequest): { secret: string; token: GitlabToken & { id: number } } | EmulatedResponse {
    const header = req.headers['private-token'];
    const secret = typeof header === 'string' ? header : bearerOf(req);
    const token = secret ? tokens.get(secret) : undefined;
    if (!secret || !token) return unauthorized;
    if (token.revoked) {
      return { status: 401, body: { error: 'invalid_token', error_description: 'Token was revoked. You have to re-authorize from the user.' } };
    }
    if (token.expiresAt && Date.parse(`${token.expiresAt}T00:00:00Z`) <= Date.now()) {
      return { status: 401, body: { error: 'invalid_token', error_description: 'Token is expired. You can either do re-authorization or token refresh.' } };
    }
    const lastUsed = token.lastUsedAt ? Date.parse(token.lastUsedAt) : 0;
    if (Date.now() - lastUsed >= lastUsedEvery) token.lastUsedAt = new Date().toISOString();
    return { secret, token };
  }

  function self(req: EmulatedRequest): EmulatedResponse {
    const auth = authenticate(req);
    if ('status' in auth) return auth;
    const { token } = auth;
    return {
      status: 200,
      body: {
        id: token.id,
        name: token.name ?? 'lapse test',
        revoked: false,
        created_at: token.createdAt ?? '2026-01-01T00:00:00.000Z',
        description: '',
        scopes: token.scopes,
        user_id: token.userId ?? 1,
        last_used_at: token.lastUsedAt ?? null,
        active: true,
        expires_at: token.expiresAt ?? null,
      },
    };
  }

  function user(req: EmulatedRequest): EmulatedResponse {
    const auth = authenticate(req);
    if ('status' in auth) return auth;
    const { token } = auth;
    if (!token.scopes.some((s) => userScopes.includes(s))) {
      return {
        status: 403,
        body: {
          error: 'insufficient_scope',
          error_description: 'The request requires higher privileges than provided by the access token.',
          scope: userScopes.join(' '),
        },
      };
    }
    return { status: 200, body: { id: token.userId ?? 1, username: token.username, name: token.username, state: 'active', locked: false } };
  }

  /** DELETE /personal_access_tokens/self → 204 (or 403, for a token set not to be self-revocable). */
  function revokeSelf(req: EmulatedRequest): EmulatedResponse {
    const auth = authenticate(req);
    if ('status' in auth) return auth;
    if (auth.token.selfRevocable === false) return forbidden;
    auth.token.revoked = true;
    return { status: 204 };
  }

  /**
   * POST /personal_access_tokens/self/rotate: a new token with the same scopes, the old one revoked
   * at once. Reusing a revoked token revokes its whole family (reuse detection, GitLab 16.3+).
   */
  function rotateSelf(req: EmulatedRequest): EmulatedResponse {
    const header = req.headers['private-token'];
    const given = typeof header === 'string' ? header : bearerOf(req);
    const old = given ? tokens.get(given) : undefined;
    if (old?.revoked) {
      for (const token of tokens.values()) if (token.family === old.family) token.revoked = true;
    }
    const auth = authenticate(req);
    if ('status' in auth) return auth;
    // 16.10+: a token may rotate itself only with the api or self_rotate scope; otherwise 403.
    if (!auth.token.scopes.some((s) => rotateScopes.includes(s))) return forbidden;
    const params = new URLSearchParams(req.body.startsWith('{') ? '' : req.body);
    let expiresAt = params.get('expires_at') ?? req.query.get('expires_at');
    if (req.body.startsWith('{')) expiresAt = (JSON.parse(req.body) as { expires_at?: string }).expires_at ?? expiresAt;
    if (expiresAt && !/^\d{4}-\d{2}-\d{2}$/.test(expiresAt)) return { status: 400, body: { message: '400 Bad request - expires_at is invalid' } };
    const secret = `glpat-FAKE${randomBytes(12).toString('hex')}`;
    const family = auth.token.family ?? auth.token.id;
    auth.token.revoked = true;
    auth.token.family = family;
    const next = { ...auth.token, id: randomInt(1, 1_000_000), revoked: false, family, lastUsedAt: null, createdAt: new Date().toISOString(), expiresAt: expiresAt ?? new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) };
    tokens.set(secret, next);
    return {
      status: 200,
      body: { id: next.id, name: next.name ?? 'lapse test', revoked: false, created_at: next.createdAt, scopes: next.scopes, user_id: next.userId ?? 1, last_used_at: null, active: true, expires_at: next.expiresAt, token: secret },
    };
  }

  const sameUser = (a: GitlabToken, b: GitlabToken) => (a.userId ?? 1) === (b.userId ?? 1);
  const listed = (t: GitlabToken & { id: number }) => ({
    id: t.id,
    name: t.name ?? 'lapse test',
    revoked: Boolean(t.revoked),
    created_at: t.createdAt ?? '2026-01-01T00:00:00.000Z',
    scopes: t.scopes,
    user_id: t.userId ?? 1,
    last_used_at: t.lastUsedAt ?? null,
    active: !t.revoked && !(t.expiresAt && Date.parse(`${t.expiresAt}T00:00:00Z`) <= Date.now()),
    expires_at: t.expiresAt ?? null,
  });

  /** GET /personal_access_tokens: a non-administrator sees only their own tokens; filters from GitLab 15.5. */
  function listOwn(req: EmulatedRequest): EmulatedResponse {
    const auth = authenticate(req);
    if ('status' in auth) return auth;
    if (!auth.token.scopes.some((s) => s === 'api' || s === 'read_api')) return { status: 403, body: { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token.', scope: 'api read_api' } };
    const state = req.query.get('state');
    const after = req.query.get('created_after');
    const search = req.query.get('search');
    const rows = [...tokens.values()]
      .filter((t) => sameUser(t, auth.token))
      .map(listed)
      .filter((t) => (state === 'active' ? t.active : state === 'inactive' ? !t.active : true))
      .filter((t) => (after ? Date.parse(t.created_at) > Date.parse(after) : true))
      .filter((t) => (search ? t.name.includes(search) : true));
    return { status: 200, body: rows };
  }

  /** DELETE /personal_access_tokens/:id → 204; someone else's or an unknown id → 404 (api scope needed). */
  function revokeById(req: EmulatedRequest, id: number): EmulatedResponse {
    const auth = authenticate(req);
    if ('status' in auth) return auth;
    if (!auth.token.scopes.includes('api')) return { status: 403, body: { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token.', scope: 'api' } };
    const target = [...tokens.values()].find((t) => t.id === id && sameUser(t, auth.token));
    if (!target) return { status: 404, body: { message: '404 Not Found' } };
    if (target.revoked) return { status: 400, body: { message: '400 Bad request - Token already revoked' } };
    target.revoked = true;
    return { status: 204 };
  }

  const emulator = await startHttpEmulator(
    {
      handle(req) {
        if (req.method === 'DELETE' && req.path === '/api/v4/personal_access_tokens/self') return revokeSelf(req);
        if (req.method === 'POST' && req.path === '/api/v4/personal_access_tokens/self/rotate') return rotateSelf(req);
        const byId = /^\/api\/v4\/personal_access_tokens\/(\d+)$/.exec(req.path);
        if (req.method === 'DELETE' && byId) return revokeById(req, Number(byId[1]));
        if (req.method !== 'GET') return null;
        if (req.path === '/api/v4/personal_access_tokens/self' && options.selfEndpoint !== false) return self(req);
        if (req.path === '/api/v4/user') return user(req);
        if (req.path === '/api/v4/personal_access_tokens') return listOwn(req);
        return null;
      },
      notFound: () => ({ status: 404, body: { error: '404 Not Found' } }),
      rateLimited: (seconds) => ({
        status: 429,
        headers: {
          'retry-after': String(seconds),
          'ratelimit-limit': '2000',
          'ratelimit-observed': '2001',
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + seconds),
          'content-type': 'text/plain',
        },
        body: 'Retry later\n',
      }),
      serverError: (status) => ({ status, body: { message: `${status} Internal Server Error` } }),
    },
    options,
  );
  return Object.assign(emulator, {
    addToken: (secret: string, token: GitlabToken) => void tokens.set(secret, { ...token, id: randomInt(1, 1_000_000) }),
    updateToken: (secret: string, changes: Partial<GitlabToken>) => {
      const token = tokens.get(secret);
      if (token) tokens.set(secret, { ...token, ...changes });
    },
    tokenState: (secret: string) => tokens.get(secret),
    liveTokens: () => [...tokens].filter(([, t]) => !t.revoked && !(t.expiresAt && Date.parse(`${t.expiresAt}T00:00:00Z`) <= Date.now())).map(([s]) => s),
  });
}
