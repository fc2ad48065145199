import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { limitConnections, timeoutOptions, type ConnectionLimits } from '../../transports/connection-limits.js';

/** The issuer's redirect as the loopback listener took it: a code, or the issuer's refusal (RFC 6749 §4.1.2.1). */
export type LoopbackAnswer = { kind: 'code'; code: string } | { kind: 'error'; error: string };

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/callback`: the redirect URI to send (RFC 8252 §7.3). */
  redirectUri: string;
  /** Settles once a request with the right `state` arrives; requests without it are refused and the wait goes on. */
  answer: Promise<LoopbackAnswer>;
  /** Requests refused so far, each with why (for the tests and the flow's message). */
  readonly refused: string[];
  close(): void;
}

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`;

const codePattern = /^[\x21-\x7e]{1,2048}$/;

/** A browser's redirect needs one or two connections. */
export const loopbackLimits: ConnectionLimits = { connections: 16, silentMs: 10_000 };

/**
 * A one-shot listener on 127.0.0.1 at a port the OS picks (RFC 8252 §7.3: loopback IP literal, any
 * port; §8.3: the IP literal, not `localhost`). It answers only the redirect a browser makes: a
 * top-level GET to /callback, with this flow's `state`. It refuses what a web page could forge:
 * a request with an `Origin` header (browsers send one on script requests and form posts, never on
 * a top-level GET navigation), a `Sec-Fetch-Mode` other than `navigate`, a `Host` that is not the
 * listener's own address (DNS rebinding), any other method or path, and a wrong or missing `state`
 * (RFC 6749 §10.12). A refused request does not end the flow: a forger cannot cancel it.
 */
export async function startLoopbackListener(
  state: string,
  limits: ConnectionLimits = loopbackLimits,
): Promise<LoopbackListener> {
  const refused: string[] = [];
  let settle: (answer: LoopbackAnswer) => void = () => undefined;
  const answer = new Promise<LoopbackAnswer>((resolve) => (settle = resolve));
  let done = false;
  let host = '';

  const server = http.createServer(timeoutOptions(limits), (req, res) => {
    const refuse = (status: number, why: string) => {
      refused.push(why);
      res
        .writeHead(status, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        })
        .end(page('Lapse refused this request', why));
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET') return refuse(405, 'Only the browser redirect from the issuer (a GET) is taken here.');
    if (req.headers.host !== host) return refuse(421, 'This request names another host than Lapse listens on.');
    if (req.headers.origin !== undefined)
      return refuse(403, 'A request from a web page (it carries an Origin) is not a redirect from the issuer.');
    const mode = req.headers['sec-fetch-mode'];
    if (mode !== undefined && mode !== 'navigate') return refuse(403, 'Only a browser navigation is taken here.');
    if (url.pathname !== '/callback') return refuse(404, 'Nothing here.');
    if (done) return refuse(410, 'This authorization is already finished; go back to Lapse.');
    if (url.searchParams.get('state') !== state)
      return refuse(
        400,
        'The answer does not carry the state Lapse sent (RFC 6749 §10.12), so it is not the answer to this request. Start the authorization again from Lapse if this was you.',
      );
    const error = url.searchParams.get('error');
    const code = url.searchParams.get('code');
    done = true;
    if (error !== null || code === null || !codePattern.test(code)) {
      const shown = error !== null && /^[A-Za-z0-9_.-]{1,60}$/.test(error) ? error : 'no code';
      settle({ kind: 'error', error: shown });
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .end(
          page(
            'Authorization not granted',
            `The issuer answered ${shown}. You can close this tab; Lapse says what to do next.`,
          ),
        );
      return;
    }
    settle({ kind: 'code', code });
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(page('Lapse got the authorization', 'You can close this tab and go back to Lapse.'));
  });
  limitConnections(server, limits);
  server.on('connection', (socket) => socket.unref());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  return {
    redirectUri: `http://${host}/callback`,
    answer,
    refused,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
