import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CannotAskProvider } from '../../../electron/providers/oauth/cannot-ask-provider.js';
import { discoverIssuer, metadataUrls } from '../../../electron/providers/oauth/discovery.js';
import { refreshAccessToken } from '../../../electron/providers/oauth/refresh.js';
import { providerHttp } from '../../../electron/providers/provider-http.js';
import { RateGate } from '../../../electron/providers/rate-gate.js';
import { TransientFault } from '../../../electron/providers/transient-fault.js';

/** A bare HTTP server that answers fixed routes; everything else is 404. */
interface MetadataServer {
  origin: string;
  requests: string[];
  route(path: string, answer: { status?: number; body?: unknown; headers?: Record<string, string> }): void;
  close(): Promise<void>;
}

let servers: MetadataServer[] = [];

async function metadataServer(): Promise<MetadataServer> {
  const routes = new Map<string, { status?: number; body?: unknown; headers?: Record<string, string> }>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const answer = routes.get(req.url ?? '');
    if (!answer) return void res.writeHead(404).end('{"error":"not_found"}');
    res
      .writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers })
      .end(JSON.stringify(answer.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const made = {
    origin,
    requests,
    route: (path: string, answer: { status?: number; body?: unknown; headers?: Record<string, string> }) =>
      void routes.set(path, answer),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  servers.push(made);
  return made;
}

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const httpFor = (issuer: string) =>
  providerHttp({ baseUrl: issuer, gate: new RateGate(), firstByteTimeoutMs: 1_000, totalTimeoutMs: 2_000 });
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as Error,
  );

describe("finding an issuer's metadata", () => {
  it("RFC 8414 inserts the well-known segment before the issuer's path; OpenID Connect appends it", () => {
    expect(metadataUrls('https://id.example/tenant/one')).toEqual([
      'https://id.example/.well-known/oauth-authorization-server/tenant/one',
      'https://id.example/tenant/one/.well-known/openid-configuration',
    ]);
    expect(metadataUrls('https://id.example/')).toEqual([
      'https://id.example/.well-known/oauth-authorization-server',
      'https://id.example/.well-known/openid-configuration',
    ]);
  });

  it('an issuer with a path is found at its RFC 8414 address, and its endpoints are learned', async () => {
    const server = await metadataServer();
    const issuer = `${server.origin}/tenant`;
    server.route('/.well-known/oauth-authorization-server/tenant', {
      body: {
        issuer,
        token_endpoint: `${issuer}/token`,
        introspection_endpoint: `${issuer}/introspect`,
        jwks_uri: `${server.origin}/keys`,
      },
    });

    const metadata = await discoverIssuer(httpFor(issuer), issuer);
    expect(metadata).toEqual({
      issuer,
      tokenEndpoint: `${issuer}/token`,
      introspectionEndpoint: `${issuer}/introspect`,
      revocationEndpoint: null,
      jwksUri: `${server.origin}/keys`,
      authorizationEndpoint: null,
      deviceAuthorizationEndpoint: null,
      codeChallengeMethods: null,
      scopesSupported: null,
      authMethods: { token: null, introspection: null, revocation: null },
    });
    expect(server.requests).toEqual(['/.well-known/oauth-authorization-server/tenant']);
  });

  it("an OpenID provider without RFC 8414 metadata is found at /.well-known/openid-configuration, once for the service's life", async () => {
    const server = await metadataServer();
    const issuer = `${server.origin}/realms/dev`;
    server.route('/realms/dev/.well-known/openid-configuration', {
      body: { issuer, token_endpoint: `${issuer}/token` },
    });

    await discoverIssuer(httpFor(issuer), issuer);
    await discoverIssuer(httpFor(issuer), issuer);
    expect(server.requests).toEqual([
      '/.well-known/oauth-authorization-server/realms/dev',
      '/realms/dev/.well-known/openid-configuration',
    ]);
  });

  it("endpoints on other https origins are the issuer's own word (Google's shape): taken, with the auth methods it advertises", async () => {
    const server = await metadataServer();
    const issuer = server.origin;
    // Google's published values (developers.google.com/identity/openid-connect/reference), issuer moved to loopback.
    server.route('/.well-known/oauth-authorization-server', {
      body: {
        issuer,
        token_endpoint: 'https://oauth2.googleapis.com/token',
        revocation_endpoint: 'https://oauth2.googleapis.com/revoke',
        jwks_uri: 'https://www.googleapis.com/oauth2/v3/certs',
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      },
    });

    await expect(discoverIssuer(httpFor(issuer), issuer)).resolves.toMatchObject({
      tokenEndpoint: 'https://oauth2.googleapis.com/token',
      revocationEndpoint: 'https://oauth2.googleapis.com/revoke',
      jwksUri: 'https://www.googleapis.com/oauth2/v3/certs',
      authMethods: { token: ['client_secret_post', 'client_secret_basic'], introspection: null, revocation: null },
    });
  });

  it.each([
    ['plain http to another host', 'http://collector.example/introspect'],
    ['credentials in the URL', 'https://user:pass@collector.example/introspect'],
    ['not a URL', 'introspect'],
  ])('an endpoint given as %s is refused, and no token is ever sent there', async (_what, endpoint) => {
    const server = await metadataServer();
    const issuer = server.origin;
    server.route('/.well-known/oauth-authorization-server', {
      body: { issuer, token_endpoint: `${issuer}/token`, introspection_endpoint: endpoint },
    });

    const error = await failureOf(discoverIssuer(httpFor(issuer), issuer));
    expect(error).toBeInstanceOf(CannotAskProvider);
    expect(error?.message).toMatch(
      /introspection_endpoint .* must be https \(http only to 127\.0\.0\.1, ::1 or localhost\)/,
    );
  });

  it('the issuer must be identical: metadata naming it with a trailing slash is refused, saying which URL to set', async () => {
    const server = await metadataServer();
    const issuer = `${server.origin}/realms/dev`;
    server.route('/realms/dev/.well-known/openid-configuration', {
      body: { issuer: `${issuer}/`, token_endpoint: `${issuer}/token` },
    });

    const error = await failureOf(discoverIssuer(httpFor(issuer), issuer));
    expect(error?.message).toContain(`Set the base URL to exactly "${issuer}/"`);
  });

  it('a redirect is not followed', async () => {
    const server = await metadataServer();
    const issuer = server.origin;
    server.route('/.well-known/oauth-authorization-server', {
      status: 302,
      headers: { location: `${issuer}/elsewhere` },
    });
    server.route('/elsewhere', { body: { issuer } });

    const error = await failureOf(discoverIssuer(httpFor(issuer), issuer));
    expect(error).toBeInstanceOf(TransientFault);
    expect(error?.message).toMatch(/redirect \(302\).*does not follow redirects/);
    expect(server.requests).not.toContain('/elsewhere');
  });

  it('a server with no metadata says so, naming what it answered, and is asked again next time', async () => {
    const server = await metadataServer();
    const error = await failureOf(discoverIssuer(httpFor(server.origin), server.origin));
    expect(error).toBeInstanceOf(CannotAskProvider);
    expect(error?.message).toMatch(
      /publishes no OAuth metadata .*answered 404 and 404.*check that the base URL is the issuer URL/,
    );

    server.route('/.well-known/openid-configuration', { body: { issuer: server.origin } });
    await expect(discoverIssuer(httpFor(server.origin), server.origin)).resolves.toMatchObject({
      issuer: server.origin,
    });
  });
});

describe('what a token endpoint answers', () => {
  it('an expires_in sent as a string ("3600", as some servers do) is read as seconds', async () => {
    const server = await metadataServer();
    const issuer = server.origin;
    server.route('/.well-known/oauth-authorization-server', { body: { issuer, token_endpoint: `${issuer}/token` } });
    server.route('/token', {
      body: { access_token: `FAKE-access-${'x'.repeat(24)}`, token_type: 'Bearer', expires_in: '3600' },
    });

    const refreshed = await refreshAccessToken({
      http: httpFor(issuer),
      issuer,
      refreshToken: `FAKE-refresh-${'y'.repeat(24)}`,
      client: { clientId: 'app', clientSecret: 'FAKE-secret' },
    });

    expect(refreshed.expiresIn).toBe(3600);
  });
});
