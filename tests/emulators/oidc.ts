import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';

// A REAL OAuth 2.0 / OpenID Connect server (panva/oidc-provider) running in this process, set up
// with what Lapse meets at real issuers: client credentials, introspection, revocation, resource
// indicators (an opaque and a JWT resource), refresh-token rotation, dev interactions.

/** oidc-provider's notices ("unsupported runtime", "dev-only adapter") are for its operators, not test output. */
function quietOidcNotices(): void {
  const marker = /oidc-provider (NOTICE|WARNING):/;
  for (const level of ['info', 'warn'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && marker.test(args[0])) return;
      original(...args);
    };
  }
}
quietOidcNotices();
const { Provider, errors } = await import('oidc-provider');

/** Resource indicators (RFC 8707) this server knows, and the format of their access tokens. */
export const oidcResources = {
  opaque: 'urn:api:opaque',
  jwt: 'urn:api:jwt',
  /** Opaque tokens that expire one second after they are issued. */
  shortOpaque: 'urn:api:short-opaque',
  /** JWT access tokens that expire one second after they are issued. */
  shortJwt: 'urn:api:short-jwt',
} as const;

export const oidcScopes = 'api:read api:write';

/** What the next requests to a path meet instead of the server. */
export type OidcFault = { kind: 'hang' } | { kind: 'status'; status: number; retryAfter?: number };

export interface OidcTokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
  refresh_token?: string;
  id_token?: string;
}

export interface OidcEmulator {
  /** The issuer identifier the server names itself with. */
  issuer: string;
  /** Where it listens (always 127.0.0.1). */
  url: string;
  client: { id: string; secret: string };
  /**
   * A native-app client (RFC 8252; oidc-provider `application_type: 'native'`): any port on the
   * loopback redirect `http://127.0.0.1/callback` (RFC 8252 §7.3, lib/models/client.js
   * redirectUriAllowed), authorization code, refresh token and device code grants.
   */
  nativeClient: { id: string; secret: string };
  /**
   * A native app as RFC 8252 §8.4–8.5 classifies them: a public client, with no secret, proving
   * itself with PKCE (oidc-provider `token_endpoint_auth_method: 'none'`, lib/shared/client_auth.js).
   * Its access tokens are RFC 9068 JWTs (the JWT resource is its default), which oidc-provider
   * neither introspects nor revokes (`unsupported_token_type`, lib/shared/reject_structured_tokens.js);
   * revoking its refresh token ends the grant.
   */
  publicClient: { id: string };
  /**
   * Act as the person in a browser: follow an authorization URL through the dev login and consent
   * pages and make the final redirect's request, as a browser navigation would (no Origin header).
   */
  approveInBrowser(
    authorizationUrl: string,
    login?: string,
    options?: { deliver?: boolean },
  ): Promise<{ status: number | null; redirect: string }>;
  /**
   * One person's browser, kept across sign-ins: its issuer session (cookies) lives on, so a second
   * authorization for the same client reuses the session's grant (oidc-provider's
   * session.grantIdFor), as a person who signed in an hour ago would.
   */
  personBrowser(): { approve(authorizationUrl: string, login?: string): Promise<{ status: number }> };
  /** Act as the person on another device: enter the user code at the verification page, confirm, log in, consent. */
  approveDevice(userCode: string, login?: string): Promise<void>;
  /** Polls of the token endpoint with a device code, in order (their time and the answer's error, if any). */
  readonly devicePolls: { at: number; error: string | null }[];
  /** Client id and secret as the keychain companion slot `client` holds them. */
  clientCompanion: string;
  /** Every request's method and path, in order (as the issuer's own origin received it). */
  readonly requests: { method: string; path: string }[];
  /** With `endpointsElsewhere`: the second origin requests went to, and what arrived there. */
  readonly endpointsOrigin: string | null;
  readonly elsewhereRequests: { method: string; path: string; auth: string | null }[];
  /** Every token endpoint answer that issued tokens, in order: what a client whose answer was lost never saw. */
  readonly issued: OidcTokenResponse[];
  /** Requests whose path starts with `pathPrefix` meet `fault` until cleared (null). */
  fault(pathPrefix: string, fault: OidcFault | null): void;
  /** A client-credentials access token for one resource (opaque or JWT). */
  clientCredentialsToken(resource: string, scope?: string): Promise<OidcTokenResponse>;
  /**
   * The authorization-code flow through the dev login and consent pages: access + refresh token.
   * `accessTokenTtl`: this access token lives that many seconds (tokens refreshed later keep the usual 300 s).
   */
  codeFlowTokens(
    login?: string,
    options?: { accessTokenTtl?: number; resource?: string },
  ): Promise<OidcTokenResponse & { refresh_token: string }>;
  /** A refresh at the token endpoint as any client would do it: the raw status and body. */
  refreshRaw(refreshToken: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** RFC 7009 revocation at the server, as its owner would do it. */
  revoke(token: string, hint?: 'access_token' | 'refresh_token'): Promise<void>;
  /** RFC 7662 introspection at the server, as the client would do it. */
  introspect(token: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface OidcEmulatorOptions {
  /** The host name the issuer claims; `localhost` while listening on 127.0.0.1 makes an issuer mismatch. */
  issuerHost?: '127.0.0.1' | 'localhost';
  /**
   * A path the issuer identifier carries (`/tenant/acme`): oidc-provider mounted there, as a
   * multi-tenant issuer (Keycloak realms, Cognito user pools) is. Its discovery document is then at
   * `<issuer>/.well-known/openid-configuration`; RFC 8414's address answers 404.
   */
  issuerPath?: string;
  /**
   * Publish the token, introspection, revocation and JWKS endpoints on a second origin (a proxy on
   * another loopback port to the same server), as Google (issuer accounts.google.com, endpoints on
   * oauth2.googleapis.com and www.googleapis.com) and AWS Cognito do. RFC 8414 §2 does not tie
   * endpoints to the issuer's origin.
   */
  endpointsElsewhere?: boolean;
  /** Advertise these `*_endpoint_auth_methods_supported` instead of oidc-provider's defaults. */
  authMethods?: string[];
  /**
   * The device flow (RFC 8628): the poll interval the server advertises (oidc-provider sends none,
   * so clients wait 5 s, §3.2) and the one it enforces. A poll sooner than the enforced interval is
   * answered `slow_down` and that device code's interval grows by 5 s (§3.5). oidc-provider leaves
   * slow_down to its operator (it exports errors.SlowDown for that); a server under load enforcing
   * more than it advertised is what §3.5 describes.
   */
  device?: { interval?: number; enforcedInterval?: number; codeTtl?: number };
  /**
   * Incremental authorization: a new authorization's token carries every scope the person granted
   * this client before, not only those asked now. RFC 6749 §3.3 lets a server issue another scope
   * than asked (saying so in `scope`, §5.1); draft-ietf-oauth-incremental-authz describes issuers
   * that keep one grant whose tokens carry the union of all scopes granted so far, as Google does
   * with `include_granted_scopes=true` and Dropbox with `include_granted_scopes=user`. The token
   * response's `scope` and introspection's say so. One person and one client per emulator, so one union.
   */
  keepsEarlierScopes?: boolean;
}

// ID tokens need an RS256 key; it is slow to make, so every emulator in a test file shares one.
let rsaKey: Promise<object> | null = null;

/** A fresh ES256 key per server (it signs the JWT access tokens), plus the shared RS256 key. */
async function signingKeys(): Promise<object[]> {
  rsaKey ??= generateKeyPair('RS256', { extractable: true }).then(async (rsa) => ({
    ...(await exportJWK(rsa.privateKey)),
    kid: `rsa-${randomBytes(4).toString('hex')}`,
    use: 'sig',
    alg: 'RS256',
  }));
  const ec = await generateKeyPair('ES256', { extractable: true });
  return [
    { ...(await exportJWK(ec.privateKey)), kid: `ec-${randomBytes(4).toString('hex')}`, use: 'sig', alg: 'ES256' },
    await rsaKey,
  ];
}

/** Access tokens live as long as their resource server says (the short ones: 1 s), else 300 s. */
const accessTokenTtl = (_ctx: unknown, token: { resourceServer?: { accessTokenTTL?: number } }) =>
  token.resourceServer?.accessTokenTTL ?? 300;

const resourceInfo = (resource: string) => {
  switch (resource) {
    case oidcResources.opaque:
      return { scope: oidcScopes, accessTokenFormat: 'opaque' };
    case oidcResources.shortOpaque:
      return { scope: oidcScopes, accessTokenFormat: 'opaque', accessTokenTTL: 1 };
    case oidcResources.jwt:
      return { scope: oidcScopes, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } };
    case oidcResources.shortJwt:
      return { scope: oidcScopes, accessTokenFormat: 'jwt', accessTokenTTL: 1, jwt: { sign: { alg: 'ES256' } } };
    default:
      throw new errors.InvalidTarget();
  }
};

/**
 * A top-level browser navigation to `url`: GET, `Sec-Fetch-Mode: navigate`, no Origin header (the
 * Fetch standard sends Origin only on CORS and non-GET requests). Node's fetch would say `cors`.
 */
export function browserNavigate(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', ...headers } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      })
      .on('error', reject);
  });
}

/** Start an oidc-provider on 127.0.0.1 at a free port. Close it in afterEach/afterAll. */
export async function startOidcEmulator(options: OidcEmulatorOptions = {}): Promise<OidcEmulator> {
  const requests: { method: string; path: string }[] = [];
  const issued: OidcTokenResponse[] = [];
  /** Copy the token endpoint's answer as it leaves (oidc-provider ends the response with its whole body). */
  const keepIssued = (res: http.ServerResponse) => {
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.end = ((...args: unknown[]) => {
      const [body] = args;
      if (res.statusCode === 200 && (typeof body === 'string' || Buffer.isBuffer(body)))
        issued.push(JSON.parse(body.toString()) as OidcTokenResponse);
      return end(...args);
    }) as typeof res.end;
  };
  const faults = new Map<string, OidcFault>();
  const deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code';
  const devicePolls: { at: number; error: string | null }[] = [];
  const lastPoll = new Map<string, { at: number }>();
  const sockets = new Set<Socket>();
  let handler: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | null = null;
  // Set only while one code flow's token request runs, so just that access token is short-lived.
  let codeFlowTtl: number | null = null;

  const mount = options.issuerPath?.replace(/\/$/, '') ?? '';
  let proxyOrigin: string | null = null;
  const elsewhereRequests: { method: string; path: string; auth: string | null }[] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ method: req.method ?? 'GET', path });
    if (mount) {
      // Mounted: oidc-provider reads its mount path from originalUrl minus url (lib/helpers/oidc_context.js urlFor).
      if (!path.startsWith(`${mount}/`) && path !== mount)
        return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
      Object.assign(req, { originalUrl: req.url, url: (req.url ?? '').slice(mount.length) || '/' });
    }
    const discovery =
      path === `${mount}/.well-known/openid-configuration` ||
      path === `${mount}/.well-known/oauth-authorization-server`;
    if ((proxyOrigin || options.authMethods) && discovery) rewriteDiscovery(res);
    const fault = [...faults].find(([prefix]) => path.startsWith(prefix))?.[1];
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      res.writeHead(fault.status, headers).end(JSON.stringify({ error: 'temporarily_unavailable' }));
      return;
    }
    if (options.keepsEarlierScopes && path === `${mount}/token/introspection` && req.method === 'POST') {
      return void readForm(req).then((form) => {
        reportEarlierScopes(res, String(form['token'] ?? ''));
        Object.assign(req, { body: form });
        handler?.(req, res);
      });
    }
    if (path === `${mount}/token` && req.method === 'POST') {
      if (options.keepsEarlierScopes) widenIssued(res);
      keepIssued(res);
      return void readForm(req).then((form) => {
        if (form['grant_type'] === deviceGrant && devicePollTooSoon(String(form['device_code'] ?? ''))) {
          devicePolls.push({ at: Date.now(), error: 'slow_down' });
          res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(
            JSON.stringify({
              error: 'slow_down',
              error_description: 'you are polling too quickly and should back off at a reasonable rate',
            }),
          );
          return;
        }
        if (form['grant_type'] === deviceGrant) noteDevicePoll(res);
        // oidc-provider takes an already parsed body (lib/shared/selective_body.js: req.body when the stream was read).
        Object.assign(req, { body: form });
        handler?.(req, res);
      });
    }
    if (path === `${mount}/device/auth` && req.method === 'POST' && options.device?.interval !== undefined)
      addInterval(res, options.device.interval);
    handler?.(req, res);
  });

  // keepsEarlierScopes: every scope granted so far, and what each access token was issued with.
  const grantedEver = new Set<string>();
  const issuedWith = new Map<string, string>();
  /** A token response as it leaves, its `scope` grown by every scope granted before. */
  function widenIssued(res: http.ServerResponse): void {
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.end = ((...args: unknown[]) => {
      const [body] = args;
      if (res.statusCode !== 200 || !(typeof body === 'string' || Buffer.isBuffer(body))) return end(...args);
      const answer = JSON.parse(body.toString()) as { access_token?: string; scope?: string };
      for (const scope of (answer.scope ?? '').split(' ')) if (scope) grantedEver.add(scope);
      answer.scope = [...grantedEver].join(' ');
      if (answer.access_token) issuedWith.set(answer.access_token, answer.scope);
      const text = JSON.stringify(answer);
      res.setHeader('content-length', Buffer.byteLength(text));
      return end(text);
    }) as typeof res.end;
  }
  /** Introspection of an access token issued widened says the scopes it was issued with. */
  function reportEarlierScopes(res: http.ServerResponse, token: string): void {
    const scope = issuedWith.get(token);
    if (scope === undefined) return;
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.end = ((...args: unknown[]) => {
      const [body] = args;
      if (res.statusCode !== 200 || !(typeof body === 'string' || Buffer.isBuffer(body))) return end(...args);
      const answer = JSON.parse(body.toString()) as { active?: boolean; scope?: string };
      if (answer.active) answer.scope = scope;
      const text = JSON.stringify(answer);
      res.setHeader('content-length', Buffer.byteLength(text));
      return end(text);
    }) as typeof res.end;
  }

  /** The whole form body of a request. */
  function readForm(req: http.IncomingMessage): Promise<Record<string, string>> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()))));
    });
  }
  /** RFC 8628 §3.5: polled sooner than the enforced interval after this code's last poll: slow_down (the client adds 5 s). */
  function devicePollTooSoon(deviceCode: string): boolean {
    const enforced = options.device?.enforcedInterval;
    const now = Date.now();
    const last = lastPoll.get(deviceCode);
    lastPoll.set(deviceCode, { at: now });
    return enforced !== undefined && last !== undefined && now - last.at < enforced * 1000;
  }
  function noteDevicePoll(res: http.ServerResponse): void {
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.end = ((...args: unknown[]) => {
      const [body] = args;
      let error: string | null = null;
      try {
        if (res.statusCode !== 200 && (typeof body === 'string' || Buffer.isBuffer(body)))
          error = String((JSON.parse(body.toString()) as { error?: unknown }).error ?? null);
      } catch {
        error = 'unreadable';
      }
      devicePolls.push({ at: Date.now(), error });
      return end(...args);
    }) as typeof res.end;
  }
  /** The device authorization answer with an `interval` (RFC 8628 §3.2, optional). */
  function addInterval(res: http.ServerResponse, interval: number): void {
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.end = ((...args: unknown[]) => {
      const [body] = args;
      if (res.statusCode !== 200 || !(typeof body === 'string' || Buffer.isBuffer(body))) return end(...args);
      const text = JSON.stringify({ ...(JSON.parse(body.toString()) as object), interval });
      res.setHeader('content-length', Buffer.byteLength(text));
      return end(text);
    }) as typeof res.end;
  }

  /** The discovery document as it leaves: its endpoints moved to the second origin, its auth methods as asked. */
  function rewriteDiscovery(res: http.ServerResponse): void {
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.end = ((...args: unknown[]) => {
      const [body] = args;
      if (res.statusCode !== 200 || !(typeof body === 'string' || Buffer.isBuffer(body))) return end(...args);
      const document = JSON.parse(body.toString()) as Record<string, unknown>;
      for (const field of ['token_endpoint', 'introspection_endpoint', 'revocation_endpoint', 'jwks_uri']) {
        if (proxyOrigin && typeof document[field] === 'string')
          document[field] = `${proxyOrigin}${new URL(document[field] as string).pathname}`;
      }
      if (options.authMethods) {
        for (const field of [
          'token_endpoint_auth_methods_supported',
          'introspection_endpoint_auth_methods_supported',
          'revocation_endpoint_auth_methods_supported',
        ])
          document[field] = options.authMethods;
      }
      const text = JSON.stringify(document);
      res.setHeader('content-length', Buffer.byteLength(text));
      return end(text);
    }) as typeof res.end;
  }
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}${mount}`;
  const origin = `http://127.0.0.1:${port}`;
  const issuer = `http://${options.issuerHost ?? '127.0.0.1'}:${port}${mount}`;
  // The second origin: a plain proxy on another loopback port to the same server, path for path.
  let proxy: http.Server | null = null;
  if (options.endpointsElsewhere) {
    proxy = http.createServer((req, res) => {
      elsewhereRequests.push({
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0] ?? '/',
        auth: (req.headers['authorization'] as string | undefined) ?? null,
      });
      const forward = http.request(
        {
          host: '127.0.0.1',
          port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: `127.0.0.1:${port}` },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    });
    proxy.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
    proxyOrigin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  }
  const client = {
    id: `lapse-test-${randomBytes(4).toString('hex')}`,
    secret: `FAKE-client-secret-${randomBytes(12).toString('hex')}`,
  };
  const redirectUri = 'http://127.0.0.1:9/cb';
  const nativeClient = {
    id: `lapse-native-${randomBytes(4).toString('hex')}`,
    secret: `FAKE-native-secret-${randomBytes(12).toString('hex')}`,
  };
  const publicClient = { id: `lapse-public-${randomBytes(4).toString('hex')}` };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
        response_types: ['code'],
        redirect_uris: [redirectUri],
      },
      {
        client_id: nativeClient.id,
        client_secret: nativeClient.secret,
        application_type: 'native',
        grant_types: ['authorization_code', 'refresh_token', deviceGrant],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1/callback'],
      },
      {
        client_id: publicClient.id,
        token_endpoint_auth_method: 'none',
        application_type: 'native',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1/callback'],
      },
    ],
    jwks: { keys: await signingKeys() },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      clientCredentials: { enabled: true },
      introspection: { enabled: true, allowedPolicy: () => true },
      revocation: { enabled: true, allowedPolicy: () => true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx: unknown, asking: { clientId?: string } | undefined) =>
          asking?.clientId === publicClient.id ? oidcResources.jwt : oidcResources.opaque,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => resourceInfo(resource),
      },
    },
    clientBasedCORS: () => false,
    scopes: ['openid', 'offline_access', ...oidcScopes.split(' ')],
    rotateRefreshToken: true,
    ttl: {
      AccessToken: (ctx: unknown, token: { resourceServer?: { accessTokenTTL?: number } }) =>
        codeFlowTtl ?? accessTokenTtl(ctx, token),
      ClientCredentials: accessTokenTtl,
      RefreshToken: 3600,
      Interaction: 300,
      Session: 3600,
      Grant: 3600,
      DeviceCode: options.device?.codeTtl ?? 600,
    },
  });
  handler = provider.callback();

  const basic = `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`;
  const post = async (path: string, form: Record<string, string>) => {
    const response = await fetch(`${origin}${mount}${path}`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  const tokenOrThrow = async (form: Record<string, string>) => {
    const { status, body } = await post('/token', form);
    if (status !== 200) throw new Error(`token endpoint answered ${status}: ${JSON.stringify(body)}`);
    return body as unknown as OidcTokenResponse;
  };

  async function codeFlowTokens(login = 'alice', options: { accessTokenTtl?: number; resource?: string } = {}) {
    const verifier = randomBytes(32).toString('base64url');
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const remember = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        const name = pair.slice(0, at).trim();
        const value = pair.slice(at + 1).trim();
        if (value) jar.set(name, value);
        else jar.delete(name);
      }
    };
    const send = async (target: string, init: RequestInit = {}) => {
      const response = await fetch(new URL(target, origin), {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() },
      });
      remember(response);
      return response;
    };
    const query = new URLSearchParams({
      client_id: client.id,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: `openid offline_access ${oidcScopes}`,
      prompt: 'consent',
      state: randomBytes(8).toString('hex'),
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...(options.resource ? { resource: options.resource } : {}),
    });
    let next = `${mount}/auth?${query}`;
    for (let hop = 0; hop < 12; hop++) {
      if (next.startsWith(redirectUri)) {
        const code = new URL(next).searchParams.get('code');
        if (!code) throw new Error(`authorization failed: ${next}`);
        codeFlowTtl = options.accessTokenTtl ?? null;
        const tokens = await tokenOrThrow({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          code_verifier: verifier,
          ...(options.resource ? { resource: options.resource } : {}),
        }).finally(() => {
          codeFlowTtl = null;
        });
        if (!tokens.refresh_token) throw new Error('the code flow issued no refresh token');
        return tokens as OidcTokenResponse & { refresh_token: string };
      }
      let response = await send(next);
      if (response.status === 200 && next.startsWith(`${mount}/interaction/`)) {
        const page = await response.text();
        const form: Record<string, string> = page.includes('value="login"')
          ? { prompt: 'login', login, password: 'x' }
          : { prompt: 'consent' };
        response = await send(next, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form).toString(),
        });
      }
      const location = response.headers.get('location');
      if (!location) throw new Error(`code flow stopped at ${next} with ${response.status}: ${await response.text()}`);
      next =
        location.startsWith(origin) || location.startsWith(issuer)
          ? new URL(location).pathname + new URL(location).search
          : location;
    }
    throw new Error('code flow did not finish');
  }

  /** A cookie-keeping walk through the issuer's pages, as a person's browser makes it. */
  function browser() {
    const jar = new Map<string, string>();
    const send = async (target: string, init: RequestInit = {}) => {
      const response = await fetch(new URL(target, origin), {
        ...init,
        redirect: 'manual',
        headers: {
          ...(init.headers as Record<string, string>),
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        const value = pair.slice(at + 1).trim();
        if (value) jar.set(pair.slice(0, at).trim(), value);
        else jar.delete(pair.slice(0, at).trim());
      }
      return response;
    };
    const postForm = (target: string, form: Record<string, string>) =>
      send(target, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
    /** Follow redirects and the login and consent pages until a page outside the issuer, or a plain page of its own. */
    async function walk(
      start: string,
      login: string,
      first?: Response,
    ): Promise<{ url: string; response: Response | null }> {
      let next = start;
      let pending = first;
      for (let hop = 0; hop < 16; hop++) {
        if (!next.startsWith('/') && !next.startsWith(origin)) return { url: next, response: null };
        let response = pending ?? (await send(next));
        pending = undefined;
        if (response.status === 200 && new URL(next, origin).pathname.startsWith(`${mount}/interaction/`)) {
          const page = await response.text();
          response = await postForm(
            next,
            page.includes('value="login"') ? { prompt: 'login', login, password: 'x' } : { prompt: 'consent' },
          );
        }
        const location = response.headers.get('location');
        if (!location) return { url: next, response };
        next = location.startsWith(origin) ? new URL(location).pathname + new URL(location).search : location;
      }
      throw new Error('the walk through the issuer did not end');
    }
    return { send, postForm, walk };
  }

  async function approveInBrowser(
    authorizationUrl: string,
    login = 'alice',
    { deliver = true }: { deliver?: boolean } = {},
  ) {
    const b = browser();
    const { url: redirect } = await b.walk(
      authorizationUrl.startsWith(origin) ? authorizationUrl.slice(origin.length) : authorizationUrl,
      login,
    );
    if (!deliver) return { status: null, redirect };
    // The redirect to the app, made as a top-level navigation (no Origin header).
    const landed = await browserNavigate(redirect);
    return { status: landed.status, redirect };
  }

  function personBrowser() {
    const b = browser();
    return {
      async approve(authorizationUrl: string, login = 'alice') {
        const { url: redirect } = await b.walk(
          authorizationUrl.startsWith(origin) ? authorizationUrl.slice(origin.length) : authorizationUrl,
          login,
        );
        return { status: (await browserNavigate(redirect)).status };
      },
    };
  }

  async function approveDevice(userCode: string, login = 'alice') {
    const b = browser();
    const xsrfOf = (page: string) => /name="xsrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    // GET /device?user_code=… answers a self-posting form (lib/actions/code_verification.js), then the confirm page.
    const prefill = await (await b.send(`${mount}/device?user_code=${encodeURIComponent(userCode)}`)).text();
    const confirmPage = await (
      await b.postForm(`${mount}/device`, { xsrf: xsrfOf(prefill), user_code: userCode })
    ).text();
    const confirmed = await b.postForm(`${mount}/device`, {
      xsrf: xsrfOf(confirmPage),
      user_code: userCode,
      confirm: 'yes',
    });
    const end = await b.walk(`${mount}/device`, login, confirmed);
    const text = end.response ? await end.response.text() : '';
    if (!/Sign-in Success|success/i.test(text))
      throw new Error(`device approval did not succeed: ${end.url} ${text.slice(0, 200)}`);
  }

  return {
    nativeClient,
    publicClient,
    approveInBrowser,
    personBrowser,
    approveDevice,
    devicePolls,
    issuer,
    url,
    endpointsOrigin: proxyOrigin,
    elsewhereRequests,
    client,
    clientCompanion: `${client.id}:${client.secret}`,
    requests,
    issued,
    fault(pathPrefix, fault) {
      if (fault) faults.set(pathPrefix, fault);
      else faults.delete(pathPrefix);
    },
    clientCredentialsToken: (resource, scope = oidcScopes) =>
      tokenOrThrow({ grant_type: 'client_credentials', resource, scope }),
    codeFlowTokens,
    refreshRaw: (refreshToken) => post('/token', { grant_type: 'refresh_token', refresh_token: refreshToken }),
    async revoke(token, hint) {
      const { status, body } = await post('/token/revocation', { token, ...(hint ? { token_type_hint: hint } : {}) });
      if (status !== 200) throw new Error(`revocation answered ${status}: ${JSON.stringify(body)}`);
    },
    introspect: async (token) => (await post('/token/introspection', { token })).body,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (proxy) await new Promise<void>((resolve) => proxy?.close(() => resolve()));
    },
  };
}
