import type http from 'node:http';

/**
 * What a server on 127.0.0.1 lets any local process hold. Another process (or another user) may
 * open connections and never finish a request: they are capped, and each is dropped once it stays
 * silent or its headers take too long, so the browser's own requests still get through.
 */
export interface ConnectionLimits {
  /** Connections open at once; more are closed as they come. */
  connections: number;
  /** How long a connection may stay silent (no byte sent), or take to send a request's headers (ms). */
  silentMs: number;
}

/** The options to create the server with: its request timeouts, checked every second. */
export const timeoutOptions = (limits: ConnectionLimits): http.ServerOptions => ({
  headersTimeout: limits.silentMs,
  requestTimeout: Math.max(limits.silentMs, 30_000),
  connectionsCheckingInterval: Math.min(1_000, limits.silentMs),
});

/** Caps the server's connections and drops each that sends nothing for `silentMs`. */
export function limitConnections(server: http.Server, limits: ConnectionLimits): void {
  server.maxConnections = limits.connections;
  server.on('connection', (socket) => {
    const silent = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, limits.silentMs);
    silent.unref();
    socket.once('close', () => clearTimeout(silent));
  });
}
