import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header the page sends its session secret in (never a cookie: cookies reach every port of 127.0.0.1). */
export const sessionHeader = 'x-lapse-key';

/** Constant-time comparison of a presented launch key. */
export function sameKey(given: string | undefined | null, key: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  // timingSafeEqual throws on different byte lengths (e.g. a non-ASCII key of the same length).
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The origins this launch answers to: the loopback address it bound and its localhost alias. */
export const allowedHosts = (port: number) => [`127.0.0.1:${port}`, `localhost:${port}`];

/**
 * Why a request to the browser shell is refused, or null to serve it. A foreign Host header is a
 * DNS-rebinding attempt; a foreign Origin is another site's page; a cross-site fetch is another
 * origin's script (every 127.0.0.1 port counts as the same *site*, but never the same *origin*).
 */
export function refusal(req: IncomingMessage, port: number): string | null {
  const hosts = allowedHosts(port);
  if (!hosts.includes(req.headers.host ?? '')) return 'unknown host';
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) return 'foreign origin';
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'cross-site request';
  return null;
}

/** The session secret a request carries in its header, if it is one this launch gave out. */
export function hasSession(req: IncomingMessage, sessions: ReadonlySet<string>): boolean {
  const given = req.headers[sessionHeader];
  if (typeof given !== 'string') return false;
  let found = false;
  // Every session compared, in constant time each: no early exit tells which was close.
  for (const session of sessions) found = sameKey(given, session) || found;
  return found;
}
