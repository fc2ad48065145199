// GitLab's REST API as GitLab's own docs and Rails source describe it, for the calls Lapse makes:
// the token's own record (/api/v4/personal_access_tokens/self), its user (/api/v4/user), the
// user's token list, self-revoke and self-rotate, OAuth token info, and the answers of
// lib/api/api_guard.rb. Each behaviour names its source (gitlabhq/gitlabhq paths).
import { randomBytes, randomInt } from 'node:crypto';
import {
  bearerOf,
  startHttpEmulator,
  type EmulatedRequest,
  type EmulatedResponse,
  type HttpEmulator,
} from './http-emulator.js';

/**
 * The kinds of token GitLab keeps (doc/security/tokens/index.md). `personal` covers project, group
 * and impersonation tokens too: all are PersonalAccessToken records behind `glpat-`.
 */
export type GitlabTokenKind = 'personal' | 'impersonation' | 'oauth' | 'deploy' | 'runner' | 'job';

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
  /** false: GitLab answers DELETE self with its `403 Forbidden` (one of the errors the API doc lists for it). */
  selfRevocable?: boolean;
  /** Default `personal`. */
  kind?: GitlabTokenKind;
  /** A granular personal access token: GitLab lists `scopes: ["granular"]` (gitlab-org/gitlab#632314). */
  granular?: boolean;
}

/**
 * What `find_current_user!` refuses (lib/api/api_guard.rb → forbidden!) with the words of
 * lib/gitlab/auth/user_access_denied_reason.rb.
 */
export type GitlabUserState = 'active' | 'blocked' | 'deactivated' | 'terms' | 'password-expired';

export interface GitlabEmulatorOptions {
  latencyMs?: number;
  /** false plays a GitLab older than 15.5 (no /personal_access_tokens/self). */
  selfEndpoint?: boolean;
  /**
   * Whether the instance requires an expiry (GitLab.com does). Self-rotate without `expires_at`
   * then gives one week, else the instance's maximum lifetime (doc/api/personal_access_tokens.md,
   * "Rotate a personal access token").
   */
  expiryRequired?: boolean;
  /** The instance's maximum token lifetime in days (doc/user/profile/personal_access_tokens.md: 365 by default). */
  maxLifetimeDays?: number;
  /** Whether impersonation is enabled (gitlab.yml `impersonation_enabled`); impersonation tokens get 401 when it is not. */
  impersonationEnabled?: boolean;
}

export interface GitlabEmulator extends HttpEmulator {
  addToken(secret: string, token: GitlabToken): void;
  updateToken(secret: string, changes: Partial<GitlabToken>): void;
  /** The token as GitLab holds it now (e.g. its last_used_at after a call), with the id its API lists it by. */
  tokenState(secret: string): (GitlabToken & { id: number }) | undefined;
  /** Every token GitLab holds that still works, by secret. */
  liveTokens(): string[];
  /** Block, deactivate… a user (every token of theirs then gets the 403 about the account). */
  setUserState(username: string, state: GitlabUserState): void;
  /** The user's requests must be DPoP-signed (api_guard.rb `check_dpop!`, feature flag `dpop_authentication`). */
  requireDpop(username: string, on: boolean): void;
  /** The next `times` API requests get GitLab.com's 429 without Retry-After (gitlab-org/gitlab#365728), RateLimit-Reset `resetInSeconds` ahead. */
  throttleWithoutRetryAfter(resetInSeconds: number, times?: number): void;
}

const lastUsedEvery = 10 * 60_000;
const userScopes = ['api', 'read_api', 'read_user'];
const rotateScopes = ['api', 'self_rotate'];
const dayMs = 86_400_000;

/** user_access_denied_reason.rb's `rejection_message` for each state; forbidden! prefixes "403 Forbidden - ". */
const deniedReason: Record<Exclude<GitlabUserState, 'active'>, string> = {
  blocked: 'Your account has been blocked.',
  deactivated:
    'Your account has been deactivated by your administrator. Please log back in from a web browser to reactivate your account at https://gitlab.example.com',
  terms:
    'You (@someone) must accept the Terms of Service in order to perform this action. To accept these terms, please access GitLab from a web browser at https://gitlab.example.com.',
  'password-expired': 'Your password expired. Please access GitLab from a web browser to update your password.',
};

/** A GitLab instance on 127.0.0.1. */
export async function startGitlabEmulator(options: GitlabEmulatorOptions = {}): Promise<GitlabEmulator> {
  const tokens = new Map<string, GitlabToken & { id: number }>();
  const userStates = new Map<string, GitlabUserState>();
  const dpopUsers = new Set<string>();
  const throttle = { times: 0, resetInSeconds: 0 };
  const expiryRequired = options.expiryRequired ?? true;
  const maxLifetimeDays = options.maxLifetimeDays ?? 365;

  const unauthorized: EmulatedResponse = { status: 401, body: { message: '401 Unauthorized' } };
  const forbidden: EmulatedResponse = { status: 403, body: { message: '403 Forbidden' } };
  // Rack::OAuth2 Bearer errors from api_guard.rb's oauth2_bearer_token_error_handler.
  const invalidToken = (description: string): EmulatedResponse => ({
    status: 401,
    headers: { 'www-authenticate': `Bearer realm="", error="invalid_token", error_description="${description}"` },
    body: { error: 'invalid_token', error_description: description },
  });

  const kindOf = (t: GitlabToken): GitlabTokenKind => t.kind ?? 'personal';
  const isPat = (t: GitlabToken) => kindOf(t) === 'personal' || kindOf(t) === 'impersonation';
  const expired = (t: GitlabToken) => Boolean(t.expiresAt && Date.parse(`${t.expiresAt}T00:00:00Z`) <= Date.now());

  /**
   * The token a request authenticates with, as lib/gitlab/auth/auth_finders.rb finds it:
   * `PRIVATE-TOKEN` (header or param) is looked up only as a personal access token
   * (`find_personal_access_token`); `Authorization: Bearer` first as an OAuth token, then as a
   * personal access token (`access_token`). A deploy, runner or job token is none of these here:
   * on these routes it is an unknown token (`UnauthorizedError` → 401).
   */
  function found(req: EmulatedRequest): { secret: string; token: GitlabToken & { id: number } } | null {
    const header = req.headers['private-token'];
    const privateToken = typeof header === 'string' ? header : req.query.get('private_token');
    const bearer = bearerOf(req);
    if (privateToken) {
      const token = tokens.get(privateToken);
      return token && isPat(token) ? { secret: privateToken, token } : null;
    }
    if (bearer) {
      const token = tokens.get(bearer);
      return token && (isPat(token) || kindOf(token) === 'oauth') ? { secret: bearer, token } : null;
    }
    return null;
  }

  /** api_guard.rb: find the token, refuse revoked, expired and impersonation-disabled ones, refuse users who may not use the API, check DPoP; then mark it used. */
  function authenticate(
    req: EmulatedRequest,
  ): { secret: string; token: GitlabToken & { id: number } } | EmulatedResponse {
    const hit = found(req);
    if (!hit) return unauthorized;
    const { token } = hit;
    if (token.revoked) return invalidToken('Token was revoked. You have to re-authorize from the user.');
    if (expired(token)) return invalidToken('Token is expired. You can either do re-authorization or token refresh.');
    if (kindOf(token) === 'impersonation' && options.impersonationEnabled === false)
      return invalidToken('Token is an impersonation token but impersonation was disabled.');
    const state = userStates.get(token.username) ?? 'active';
    if (state !== 'active') return { status: 403, body: { message: `403 Forbidden - ${deniedReason[state]}` } };
    // check_dpop! runs for personal access tokens of users with the flag on: no DPoP header → DpopValidationError (401 dpop_error).
    if (isPat(token) && dpopUsers.has(token.username) && !req.headers['dpop']) {
      return {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="", error="dpop_error"' },
        body: { error: 'dpop_error', error_description: 'DPoP validation error: DPoP header is missing' },
      };
    }
    // app/services/personal_access_tokens/last_used_service.rb: at most every 10 minutes.
    const lastUsed = token.lastUsedAt ? Date.parse(token.lastUsedAt) : 0;
    if (Date.now() - lastUsed >= lastUsedEvery) token.lastUsedAt = new Date().toISOString();
    return hit;
  }

  const scopesShown = (t: GitlabToken) => (t.granular ? ['granular'] : t.scopes);

  const record = (t: GitlabToken & { id: number }) => ({
    id: t.id,
    name: t.name ?? 'lapse test',
    revoked: Boolean(t.revoked),
    created_at: t.createdAt ?? '2026-01-01T00:00:00.000Z',
    description: '',
    scopes: scopesShown(t),
    ...(t.granular ? { granular: true } : {}),
    user_id: t.userId ?? 1,
    last_used_at: t.lastUsedAt ?? null,
    active: !t.revoked && !expired(t),
    expires_at: t.expiresAt ?? null,
  });

  /**
   * GET /personal_access_tokens/self (lib/api/personal_access_tokens/self_information.rb): any
   * scope may; a token that is not a personal access token gets 400.
   */
  function self(req: EmulatedRequest): EmulatedResponse {
    const auth = authenticate(req);
    if ('status' in auth) return auth;
    if (!isPat(auth.token))
      return {
        status: 400,
        body: { message: '400 Bad request - This endpoint requires token type to be a personal access token' },
      };
    return { status: 200, body: record(auth.token) };
  }

  function user(req: EmulatedRequest): EmulatedResponse {
    const auth = authenticate(req);
    if ('status' in auth) return auth;
    const { token } = auth;
    if (!token.granular && !token.scopes.some((s) => userScopes.includes(s))) {
      return {
        status: 403,
        body: {
          error: 'insufficient_scope',
          error_description: 'The request requires higher privileges than provided by the access token.',
          scope: userScopes.join(' '),
        },
      };
    }
    return {
      status: 200,
      body: {
        id: token.userId ?? 1,
        username: token.username,
        name: token.username,
        state: userStates.get(token.username) ?? 'active',
        locked: false,
      },
    };
  }

  /** GET /oauth/token/info (Doorkeeper, doc/api/oauth2.md "Retrieve the token information"): Bearer only. */
  function tokenInfo(req: EmulatedRequest): EmulatedResponse {
    const bearer = bearerOf(req);
    const token = bearer ? tokens.get(bearer) : undefined;
    if (!token || kindOf(token) !== 'oauth' || token.revoked || expired(token)) {
      return {
        status: 401,
        body: { error: 'invalid_token', error_description: 'The access token is invalid', state: 'unauthorized' },
      };
    }
    const expiresIn = token.expiresAt
      ? Math.max(0, Math.floor((Date.parse(`${token.expiresAt}T00:00:00Z`) - Date.now()) / 1000))
      : null;
    return {
      status: 200,
      body: {
        resource_owner_id: token.userId ?? 1,
        scope: token.scopes,
        expires_in: expiresIn,
        application: { uid: 'FAKE-app' },
        created_at: Math.floor(Date.parse(token.createdAt ?? '2026-01-01T00:00:00Z') / 1000),
        scopes: token.scopes,
        expires_in_seconds: expiresIn,
      },
    };
  }

  /** DELETE /personal_access_tokens/self → 204 (400 for a token that is not a PAT; 403 for one set not to be self-revocable). */
  function revokeSelf(req: EmulatedRequest): EmulatedResponse {
    const auth = authenticate(req);
    if ('status' in auth) return auth;
    if (!isPat(auth.token))
      return {
        status: 400,
        body: { message: '400 Bad request - This endpoint requires token type to be a personal access token' },
      };
    if (auth.token.selfRevocable === false) return forbidden;
    auth.token.revoked = true;
    return { status: 204 };
  }

  /** The expiry a rotation without `expires_at` gives: one week where required, else the instance maximum. */
  const defaultRotationExpiry = () =>
    new Date(Date.now() + (expiryRequired ? 7 : maxLifetimeDays) * dayMs).toISOString().slice(0, 10);

  /**
   * POST /personal_access_tokens/self/rotate (lib/api/personal_access_tokens/self_rotation.rb,
   * doc/api/personal_access_tokens.md): a new token with the same scopes, the old one revoked at
   * once. 403 without the api or self_rotate scope; 405 for a token that is not a PAT; 400 for an
   * expiry beyond the instance maximum. Reusing a revoked token revokes its whole family
   * (auth_finders.rb `revoke_token_family`, reuse detection since 16.3).
   */
  function rotateSelf(req: EmulatedRequest): EmulatedResponse {
    const hit = found(req);
    if (hit?.token.revoked) {
      for (const token of tokens.values())
        if (token.family === (hit.token.family ?? hit.token.id)) token.revoked = true;
    }
    const auth = authenticate(req);
    if ('status' in auth) return auth;
    if (!isPat(auth.token)) return { status: 405, body: { message: '405 Method Not Allowed' } };
    if (!auth.token.granular && !auth.token.scopes.some((s) => rotateScopes.includes(s))) return forbidden;
    const params = new URLSearchParams(req.body.startsWith('{') ? '' : req.body);
    let expiresAt = params.get('expires_at') ?? req.query.get('expires_at');
    if (req.body.startsWith('{')) expiresAt = (JSON.parse(req.body) as { expires_at?: string }).expires_at ?? expiresAt;
    if (expiresAt && !/^\d{4}-\d{2}-\d{2}$/.test(expiresAt))
      return { status: 400, body: { message: '400 Bad request - expires_at is invalid' } };
    if (expiresAt && Date.parse(`${expiresAt}T00:00:00Z`) > Date.now() + maxLifetimeDays * dayMs) {
      return {
        status: 400,
        body: {
          message: `400 Bad request - Expiration date must be before ${new Date(Date.now() + maxLifetimeDays * dayMs).toISOString().slice(0, 10)}`,
        },
      };
    }
    const secret = `glpat-FAKE${randomBytes(12).toString('hex')}`;
    const family = auth.token.family ?? auth.token.id;
    auth.token.revoked = true;
    auth.token.family = family;
    const next = {
      ...auth.token,
      id: randomInt(1, 1_000_000),
      revoked: false,
      family,
      lastUsedAt: null,
      createdAt: new Date().toISOString(),
      expiresAt: expiresAt ?? defaultRotationExpiry(),
    };
    tokens.set(secret, next);
    return { status: 200, body: { ...record(next), token: secret } };
  }

  const sameUser = (a: GitlabToken, b: GitlabToken) => (a.userId ?? 1) === (b.userId ?? 1);

  /**
   * GET /personal_access_tokens (doc/api/personal_access_tokens.md "List all personal access
   * tokens"): a non-administrator sees only their own tokens (`user_id` of another user → 401);
   * filters state, revoked, created_after/before, last_used_after/before, search; paginated by
   * `page`/`per_page` (default 20, at most 100) with X-Page, X-Next-Page, X-Total and a Link header
   * (doc/api/rest/_index.md, "Pagination").
   */
  function listOwn(req: EmulatedRequest): EmulatedResponse {
    const auth = authenticate(req);
    if ('status' in auth) return auth;
    if (!auth.token.granular && !auth.token.scopes.some((s) => s === 'api' || s === 'read_api')) {
      return {
        status: 403,
        body: {
          error: 'insufficient_scope',
          error_description: 'The request requires higher privileges than provided by the access token.',
          scope: 'api read_api',
        },
      };
    }
    const q = req.query;
    const userId = q.get('user_id');
    if (userId !== null && Number(userId) !== (auth.token.userId ?? 1)) return unauthorized;
    const time = (name: string) => (q.get(name) ? Date.parse(q.get(name) as string) : null);
    const [after, before, usedAfter, usedBefore] = [
      time('created_after'),
      time('created_before'),
      time('last_used_after'),
      time('last_used_before'),
    ];
    const state = q.get('state');
    const search = q.get('search');
    const rows = [...tokens.values()]
      .filter((t) => isPat(t) && sameUser(t, auth.token))
      .map(record)
      .filter((t) => (state === 'active' ? t.active : state === 'inactive' ? !t.active : true))
      .filter((t) => (q.get('revoked') === 'true' ? t.revoked : true))
      .filter(
        (t) =>
          (after === null || Date.parse(t.created_at) > after) &&
          (before === null || Date.parse(t.created_at) < before),
      )
      .filter(
        (t) =>
          (usedAfter === null || (t.last_used_at !== null && Date.parse(t.last_used_at) > usedAfter)) &&
          (usedBefore === null || t.last_used_at === null || Date.parse(t.last_used_at) < usedBefore),
      )
      .filter((t) => (search ? t.name.includes(search) : true))
      .sort((a, b) => a.id - b.id);
    const perPage = Math.min(100, Math.max(1, Number(q.get('per_page') ?? 20) || 20));
    const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
    const shown = rows.slice((page - 1) * perPage, page * perPage);
    const next = page * perPage < rows.length ? page + 1 : null;
    const headers: Record<string, string> = {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-total': String(rows.length),
      'x-next-page': next ? String(next) : '',
    };
    if (next) {
      const link = new URLSearchParams(q);
      link.set('page', String(next));
      link.set('per_page', String(perPage));
      headers['link'] = `<${emulatorUrl}/api/v4/personal_access_tokens?${link}>; rel="next"`;
    }
    return { status: 200, headers, body: shown };
  }

  /** DELETE /personal_access_tokens/:id → 204; someone else's or an unknown id → 404 (api scope needed). */
  function revokeById(req: EmulatedRequest, id: number): EmulatedResponse {
    const auth = authenticate(req);
    if ('status' in auth) return auth;
    if (!auth.token.scopes.includes('api'))
      return {
        status: 403,
        body: {
          error: 'insufficient_scope',
          error_description: 'The request requires higher privileges than provided by the access token.',
          scope: 'api',
        },
      };
    const target = [...tokens.values()].find((t) => t.id === id && isPat(t) && sameUser(t, auth.token));
    if (!target) return { status: 404, body: { message: '404 Not Found' } };
    if (target.revoked) return { status: 400, body: { message: '400 Bad request - Token already revoked' } };
    target.revoked = true;
    return { status: 204 };
  }

  /** 429 with the Rack::Attack headers of user_and_ip_rate_limits.md; `retryAfter` false plays GitLab.com without Retry-After. */
  const throttled = (seconds: number, retryAfter: boolean): EmulatedResponse => {
    const reset = Math.ceil(Date.now() / 1000) + seconds;
    return {
      status: 429,
      headers: {
        ...(retryAfter ? { 'retry-after': String(seconds) } : {}),
        'ratelimit-name': 'throttle_authenticated_api',
        'ratelimit-limit': '2000',
        'ratelimit-observed': '2001',
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(reset),
        'ratelimit-resettime': new Date(reset * 1000).toUTCString(),
        'content-type': 'text/plain',
      },
      body: 'Retry later\n',
    };
  };

  let emulatorUrl = '';
  const emulator = await startHttpEmulator(
    {
      handle(req) {
        if (throttle.times > 0 && (req.path.startsWith('/api/') || req.path.startsWith('/oauth/'))) {
          throttle.times -= 1;
          return throttled(throttle.resetInSeconds, false);
        }
        if (req.method === 'DELETE' && req.path === '/api/v4/personal_access_tokens/self') return revokeSelf(req);
        if (req.method === 'POST' && req.path === '/api/v4/personal_access_tokens/self/rotate') return rotateSelf(req);
        const byId = /^\/api\/v4\/personal_access_tokens\/(\d+)$/.exec(req.path);
        if (req.method === 'DELETE' && byId) return revokeById(req, Number(byId[1]));
        if (req.method !== 'GET') return null;
        if (req.path === '/api/v4/personal_access_tokens/self' && options.selfEndpoint !== false) return self(req);
        if (req.path === '/api/v4/user') return user(req);
        if (req.path === '/api/v4/personal_access_tokens') return listOwn(req);
        if (req.path === '/oauth/token/info') return tokenInfo(req);
        return null;
      },
      notFound: () => ({ status: 404, body: { error: '404 Not Found' } }),
      rateLimited: (seconds) => throttled(seconds, true),
      serverError: (status) => ({ status, body: { message: `${status} Internal Server Error` } }),
    },
    options,
  );
  emulatorUrl = emulator.url;
  return Object.assign(emulator, {
    addToken: (secret: string, token: GitlabToken) =>
      void tokens.set(secret, { ...token, id: randomInt(1, 1_000_000) }),
    updateToken: (secret: string, changes: Partial<GitlabToken>) => {
      const token = tokens.get(secret);
      if (token) tokens.set(secret, { ...token, ...changes });
    },
    tokenState: (secret: string) => tokens.get(secret),
    liveTokens: () => [...tokens].filter(([, t]) => !t.revoked && !expired(t)).map(([s]) => s),
    setUserState: (username: string, state: GitlabUserState) => void userStates.set(username, state),
    requireDpop: (username: string, on: boolean) => void (on ? dpopUsers.add(username) : dpopUsers.delete(username)),
    throttleWithoutRetryAfter: (resetInSeconds: number, times = 1) => {
      throttle.times = times;
      throttle.resetInSeconds = resetInSeconds;
    },
  });
}
