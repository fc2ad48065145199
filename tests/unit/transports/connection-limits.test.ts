// The two servers Lapse opens on 127.0.0.1 (the OAuth loopback listener, the browser shell's host)
// against a local process that opens connections and never sends a request: they are capped and
// dropped, and the browser's own request still gets through.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackListener } from '../../../electron/providers/oauth/loopback-listener.js';
import { createLapseService } from '../../../electron/service.js';
import type { ConnectionLimits } from '../../../electron/transports/connection-limits.js';
import { startHttpHost } from '../../../electron/transports/http-host.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { browserNavigate } from '../../emulators/oidc.js';
import { randomAlnum } from '../../helpers/fake-tokens.js';
import { memoryKeychain } from '../../helpers/memory-keychain.js';
import { shellSession } from '../../helpers/shell-session.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** A connection that sends nothing; resolves once the server has taken it. */
function openIdle(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
    cleanups.push(() => socket.destroy());
  });
}

/** Resolves with how long the server took to close the connection (ms). */
const closed = (socket: net.Socket) =>
  new Promise<number>((resolve) => {
    const started = performance.now();
    if (socket.destroyed) return resolve(0);
    socket.once('close', () => resolve(performance.now() - started));
    // Read what the server says first (a 408), so its end reaches the socket.
    socket.resume();
  });

interface Server {
  port: number;
  /** The request the browser makes: resolves true when it was answered as it should be. */
  browserGetsThrough(): Promise<boolean>;
}

async function loopbackListener(limits: ConnectionLimits): Promise<Server> {
  const listener = await startLoopbackListener('state-1', limits);
  cleanups.push(() => listener.close());
  return {
    port: Number(new URL(listener.redirectUri).port),
    browserGetsThrough: async () =>
      (await browserNavigate(`${listener.redirectUri}?state=state-1&code=fake-code-1`)).status === 200 &&
      (await listener.answer).kind === 'code',
  };
}

async function shellHost(limits: ConnectionLimits): Promise<Server> {
  const home = makeTempDir('lapse-connection-limits');
  const key = `FAKEkey${randomAlnum(25)}`;
  const api = createLapseService({ keychain: memoryKeychain(), store: openMetadataStore(home), now: Date.now });
  const host = await startHttpHost({ api, staticDir: home, key, limits });
  cleanups.push(
    () => removeTempDir(home),
    () => host.close(),
  );
  return {
    port: host.port,
    browserGetsThrough: async () => (await shellSession(host.port, key)).length > 0,
  };
}

describe.each([
  ['the OAuth loopback listener', loopbackListener],
  ["the browser shell's host", shellHost],
])('%s, under a flood of idle connections', (_name, start) => {
  it('closes connections beyond its cap as they come', async () => {
    const server = await start({ connections: 4, silentMs: 60_000 });
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await openIdle(server.port));
    expect(await closed(await openIdle(server.port))).toBeLessThan(2_000);
    for (const socket of held) expect(socket.destroyed).toBe(false);
  });

  it('drops connections that send nothing, then serves the browser', async () => {
    const server = await start({ connections: 4, silentMs: 1_000 });
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await openIdle(server.port));
    for (const ms of await Promise.all(held.map(closed))) expect(ms).toBeLessThan(5_000);
    expect(await server.browserGetsThrough()).toBe(true);
  });

  it('drops a connection whose request headers never end', async () => {
    const server = await start({ connections: 4, silentMs: 1_000 });
    const slow = await openIdle(server.port);
    slow.write('GET /callback HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    expect(await closed(slow)).toBeLessThan(5_000);
  });
});
