import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const keyCookie = 'lapse_key';

/** Constant-time comparison of a presented launch key. */
export function sameKey(given: string | undefined | null, key: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  // timingSafeEqual throws on different byte lengths (e.g. a non-ASCII key of the same length).
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** The origins this launch answers to: the loopback address it bound and its localhost alias. */
export const allowedHosts = (port: number) => [`127.0.0.1:${port}`, `localhost:${port}`];

/**
 * Why a request to the browser shell is refused, or null to serve it. A foreign Host header is a
 * DNS-rebinding attempt; a foreign Origin is another site's page; a missing key is anyone else.
 */
export function refusal(req: IncomingMessage, port: number, key: string, needsKey: boolean): string | null {
  const hosts = allowedHosts(port);
  if (!hosts.includes(req.headers.host ?? '')) return 'unknown host';
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) return 'foreign origin';
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'cross-site request';
  if (!needsKey) return null;
  const given = (req.headers['x-lapse-key'] as string | undefined) ?? cookieValue(req.headers.cookie, keyCookie);
  return sameKey(given, key) ? null : 'missing or wrong launch key';
}
