// GitHub's REST API as its docs describe it: GET /user with scopes, expiry and rate-limit headers
// (docs.github.com rest/users/users); 401 Bad credentials; rate limits per credential owner (a
// user's tokens share the user's 5,000 an hour, an installation token its own; unauthenticated calls
// 60 an hour per IP), `x-ratelimit-resource` naming the bucket, and secondary limits that may carry
// no retry-after (github/docs content/rest/using-the-rest-api/rate-limits-for-the-rest-api.md);
// POST /credentials/revoke unauthenticated, at most 1,000 tokens a request and 60 requests an hour,
// 202 Accepted with no word on when it takes effect (octokit docs/credentials/revoke.md).
import {
  bearerOf,
  startHttpEmulator,
  type EmulatedRequest,
  type EmulatedResponse,
  type HttpEmulator,
} from './http-emulator.js';

export interface GithubToken {
  login: string;
  userId?: number;
  /** Classic/OAuth scopes (sent as X-OAuth-Scopes); null for fine-grained PATs, which send none. */
  scopes: string[] | null;
  /** When it expires (sent as GitHub-Authentication-Token-Expiration); null for tokens that never do. */
  expiresAt?: string | null;
  /** The zone the expiration header is written in: GitHub's `UTC`, or an offset such as `+0900`. */
  expiryZone?: string;
  revoked?: boolean;
  /** The owner's account is suspended: GitHub answers 403. */
  suspended?: boolean;
}

export interface GithubEmulator extends HttpEmulator {
  addToken(secret: string, token: GithubToken): void;
  /** The token as GitHub holds it now (e.g. revoked after /credentials/revoke). */
  tokenState(secret: string): GithubToken | undefined;
  updateToken(secret: string, changes: Partial<GithubToken>): void;
  /** While on, /credentials/revoke answers 422 Validation Failed, as GitHub does when the endpoint is spammed. */
  spamRevocations(on: boolean): void;
  /** Empty one owner's bucket (a login, or a token for an installation token) until `resetInSeconds` from now. */
  exhaust(owner: string, resetInSeconds: number): void;
  /** The next `times` requests to GET /user get a secondary limit with no retry-after and remaining > 0. */
  secondaryLimitWithoutHeaders(times: number): void;
  /** /credentials/revoke requests and the tokens they carried, in order. */
  readonly revokeRequests: number[];
}

const docs = 'https://docs.github.com/rest';
const hourlyLimit = 5000;

/** `2026-12-01 09:00:00 UTC`, or the same instant in an offset: `2026-12-01 18:00:00 +0900`. */
export function githubExpirationHeader(iso: string, zone = 'UTC'): string {
  const offsetMinutes =
    zone === 'UTC' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  const local = new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} ${zone}`;
}

export interface GithubEmulatorOptions {
  latencyMs?: number;
  /** Unauthenticated /credentials/revoke requests allowed per hour from one address (GitHub: 60). */
  revokeRequestsPerHour?: number;
  /** How long after a 202 the revocation takes effect (GitHub does not say; 0 here unless set). */
  revocationDelayMs?: number;
  /** `/api/v3` makes it look like GitHub Enterprise Server. */
  prefix?: string;
  /** GitHub answers a secondary rate limit with 403 or 429 (both with retry-after). */
  secondaryLimitStatus?: 403 | 429;
}

/** A GitHub API on 127.0.0.1. */
export async function startGithubEmulator(options: GithubEmulatorOptions = {}): Promise<GithubEmulator> {
  const tokens = new Map<string, GithubToken>();
  const used = new Map<string, number>();
  const windowReset = Math.ceil(Date.now() / 1000) + 3600;
  const exhausted = new Map<string, number>();
  const revokeRequests: number[] = [];
  let secondaryLeft = 0;
  let anonymousUsed = 0;

  /** Whose bucket a token's calls count against: its user's, or, for an installation token, its own. */
  const ownerOf = (secret: string, token: GithubToken) => (secret.startsWith('ghs_') ? secret : token.login);

  const rateHeaders = (owner: string): Record<string, string> => {
    const count = (used.get(owner) ?? 0) + 1;
    used.set(owner, count);
    return {
      'x-ratelimit-limit': String(hourlyLimit),
      'x-ratelimit-remaining': String(Math.max(0, hourlyLimit - count)),
      'x-ratelimit-used': String(count),
      'x-ratelimit-reset': String(windowReset),
      'x-ratelimit-resource': 'core',
    };
  };

  const validationFailed: EmulatedResponse = {
    status: 422,
    body: { message: 'Validation Failed', documentation_url: docs, status: '422' },
  };
  let spammed = false;
  const badCredentials: EmulatedResponse = {
    status: 401,
    body: { message: 'Bad credentials', documentation_url: docs, status: '401' },
  };

  function user(req: EmulatedRequest): EmulatedResponse {
    const version = req.headers['x-github-api-version'];
    if (version !== undefined && version !== '2022-11-28') {
      return {
        status: 400,
        body: {
          message: `Unsupported 'X-GitHub-Api-Version' header: ${String(version)}`,
          documentation_url: docs,
          status: '400',
        },
      };
    }
    const secret = bearerOf(req);
    if (!secret)
      return { status: 401, body: { message: 'Requires authentication', documentation_url: docs, status: '401' } };
    const token = tokens.get(secret);
    if (!token || token.revoked || (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()))
      return badCredentials;
    const owner = ownerOf(secret, token);
    const reset = exhausted.get(owner);
    if (reset && reset * 1000 > Date.now()) {
      // The primary limit of this owner only: other users' tokens go on (rate-limits-for-the-rest-api.md).
      return {
        status: 403,
        headers: {
          'x-ratelimit-limit': String(hourlyLimit),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': String(hourlyLimit),
          'x-ratelimit-reset': String(reset),
          'x-ratelimit-resource': 'core',
        },
        body: {
          message: `API rate limit exceeded for user ID ${token.userId ?? 1}.`,
          documentation_url: docs,
          status: '403',
        },
      };
    }
    if (secondaryLeft > 0) {
      secondaryLeft -= 1;
      // "a 403 or 429 response and an error message that indicates that you exceeded a secondary rate limit", no retry-after.
      return {
        status: 403,
        headers: {
          'x-ratelimit-limit': String(hourlyLimit),
          'x-ratelimit-remaining': '4000',
          'x-ratelimit-reset': String(windowReset),
          'x-ratelimit-resource': 'core',
        },
        body: {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: docs,
          status: '403',
        },
      };
    }
    const headers = rateHeaders(owner);
    if (token.suspended)
      return {
        status: 403,
        headers,
        body: { message: 'Sorry. Your account was suspended.', documentation_url: docs, status: '403' },
      };
    if (token.scopes) headers['x-oauth-scopes'] = token.scopes.join(', ');
    headers['x-accepted-oauth-scopes'] = '';
    headers['x-github-api-version-selected'] = '2022-11-28';
    if (token.expiresAt)
      headers['github-authentication-token-expiration'] = githubExpirationHeader(token.expiresAt, token.expiryZone);
    const id = token.userId ?? 1;
    return {
      status: 200,
      headers,
      body: { login: token.login, id, node_id: `U_FAKE${id}`, type: 'User', site_admin: false, name: null },
    };
  }

  /** POST /credentials/revoke: unauthenticated on github.com (an authenticated call gets 403), 202 with no body. */
  function revokeCredentials(req: EmulatedRequest): EmulatedResponse {
    if (req.headers['authorization'] && !options.prefix) {
      return {
        status: 403,
        body: {
          message: 'This endpoint must be called without authentication.',
          documentation_url: docs,
          status: '403',
        },
      };
    }
    // 60 unauthenticated requests an hour from one address; past them, the primary limit's 403 with remaining 0.
    const perHour = options.revokeRequestsPerHour ?? 60;
    anonymousUsed += 1;
    if (!options.prefix && anonymousUsed > perHour) {
      return {
        status: 403,
        headers: {
          'x-ratelimit-limit': String(perHour),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': String(anonymousUsed),
          'x-ratelimit-reset': String(windowReset),
          'x-ratelimit-resource': 'core',
        },
        body: { message: `API rate limit exceeded for ${req.remoteAddress}.`, documentation_url: docs, status: '403' },
      };
    }
    if (spammed) return validationFailed;
    let credentials: unknown;
    try {
      credentials = (JSON.parse(req.body) as { credentials?: unknown }).credentials;
    } catch {
      credentials = undefined;
    }
    if (
      !Array.isArray(credentials) ||
      credentials.length === 0 ||
      credentials.length > 1000 ||
      !credentials.every((c) => typeof c === 'string')
    ) {
      return validationFailed;
    }
    revokeRequests.push(credentials.length);
    const revokeAll = () => {
      for (const secret of credentials as string[]) {
        const token = tokens.get(secret);
        if (token) tokens.set(secret, { ...token, revoked: true });
      }
    };
    // 202 Accepted: GitHub does not say when the revocation takes effect.
    if (options.revocationDelayMs) setTimeout(revokeAll, options.revocationDelayMs).unref();
    else revokeAll();
    return { status: 202, body: '' };
  }

  const emulator = await startHttpEmulator(
    {
      handle: (req) =>
        req.method === 'GET' && req.path === '/user'
          ? user(req)
          : req.method === 'POST' && req.path === '/credentials/revoke'
            ? revokeCredentials(req)
            : null,
      notFound: () => ({ status: 404, body: { message: 'Not Found', documentation_url: docs, status: '404' } }),
      // A secondary limit (`inject(…, { kind: 'rate-limit' })`): 429 with retry-after and a
      // "secondary rate limit" message (rate-limits-for-the-rest-api.md, "Exceeding the rate limit").
      // That page does not say whose the limit is (per user, app or address), so its window holds
      // every request that reaches this host, whoever's token it carries: the strictest reading.
      rateLimited: (seconds) => ({
        status: options.secondaryLimitStatus ?? 429,
        headers: {
          'retry-after': String(seconds),
          'x-ratelimit-limit': String(hourlyLimit),
          'x-ratelimit-remaining': '4000',
          'x-ratelimit-reset': String(windowReset),
        },
        body: {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: docs,
          status: String(options.secondaryLimitStatus ?? 429),
        },
      }),
      rateLimitExhausted: (reset) => ({
        status: 403,
        headers: {
          'x-ratelimit-limit': String(hourlyLimit),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': String(hourlyLimit),
          'x-ratelimit-reset': String(reset),
          'x-ratelimit-resource': 'core',
        },
        body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: docs, status: '403' },
      }),
      serverError: (status) => ({
        status,
        body: { message: status === 503 ? 'Service Unavailable' : 'Server Error', documentation_url: docs },
      }),
    },
    options,
  );
  return Object.assign(emulator, {
    addToken: (secret: string, token: GithubToken) => void tokens.set(secret, token),
    tokenState: (secret: string) => tokens.get(secret),
    updateToken: (secret: string, changes: Partial<GithubToken>) => {
      const token = tokens.get(secret);
      if (token) tokens.set(secret, { ...token, ...changes });
    },
    spamRevocations: (on: boolean) => {
      spammed = on;
    },
    exhaust: (owner: string, resetInSeconds: number) =>
      void exhausted.set(owner, Math.ceil(Date.now() / 1000) + resetInSeconds),
    secondaryLimitWithoutHeaders: (times: number) => {
      secondaryLeft = times;
    },
    revokeRequests,
  });
}
