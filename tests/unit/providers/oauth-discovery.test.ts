import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CannotAskProvider } from '../../../electron/providers/oauth/cannot-ask-provider.js';
import { discoverIssuer, metadataUrls } from '../../../electron/providers/oauth/discovery.js';
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
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers }).end(JSON.stringify(answer.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const made = {
    origin,
    requests,
    route: (path: string, answer: { status?: number; body?: unknown; headers?: Record<string, string> }) => void routes.set(path, answer),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  servers.push(made);
  return made;
}

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const httpFor = (issuer: string) => providerHttp({ baseUrl: issuer, gate: new RateGate(), firstByteTimeoutMs: 1_000, totalTimeoutMs: 2_000 });
const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as Error);

describe('finding an issuer\'s metadata', () => {
  it('RFC 8414 inserts the well-known segment before the issuer\'s path; OpenID Connect appends it', () => {
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
      body: { issuer, token_endpoint: `${issuer}/token`, introspection_endpoint: `${issuer}/introspect`, jwks_uri: `${server.origin}/keys` },
    });

    const metadata = await discoverIssuer(httpFor(issuer), issuer);
    expect(metadata).toEqual({
      issuer,
      tokenEndpoint: `${issuer}/token`,
      introspectionEndpoint: `${issuer}/introspect`,
      revocationEndpoint: null,
      jwksUri: `${server.origin}/keys`,
    });
    expect(server.requests).toEqual(['/.well-known/oauth-authorization-server/tenant']);
  });

  it('an OpenID provider without RFC 8414 metadata is found at /.well-known/openid-configuration, once for the service\'s life', async () => {
    const server = await metadataServer();
    const issuer = `${server.origin}/realms/dev`;
    server.route('/realms/dev/.well-known/openid-configuration', { body: { issuer, token_endpoint: `${issuer}/token` } });

    await discoverIssuer(httpFor(issuer), issuer);
    await discoverIssuer(httpFor(issuer), `${issuer}/`);
    expect(server.requests).toEqual(['/.well-known/oauth-authorization-server/realms/dev', '/realms/dev/.well-known/openid-configuration']);
  });

  it('an endpoint on another origin is refused: tokens and client secrets go only to the issuer', async () => {
    const server = await metadataServer();
    const issuer = server.origin;
    server.route('/.well-known/oauth-authorization-server', {
      body: { issuer, token_endpoint: `${issuer}/token`, introspection_endpoint: 'https://collector.example/introspect' },
    });

    const error = await failureOf(discoverIssuer(httpFor(issuer), issuer));
    expect(error).toBeInstanceOf(CannotAskProvider);
    expect(error?.message).toMatch(/introspection_endpoint on https:\/\/collector\.example, not on http:\/\/127\.0\.0\.1:\d+/);
  });

  it('a redirect is not followed', async () => {
    const server = await metadataServer();
    const issuer = server.origin;
    server.route('/.well-known/oauth-authorization-server', { status: 302, headers: { location: `${issuer}/elsewhere` } });
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
    expect(error?.message).toMatch(/publishes no OAuth metadata .*answered 404 and 404.*check that the base URL is the issuer URL/);

    server.route('/.well-known/openid-configuration', { body: { issuer: server.origin } });
    await expect(discoverIssuer(httpFor(server.origin), server.origin)).resolves.toMatchObject({ issuer: server.origin });
  });
});
