import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A hostile (or careless) server in a provider's place — a self-managed GitHub Enterprise a token's
 * base URL points at. It answers in GitHub's documented shapes (REST errors are
 * `{ message, documentation_url }`, docs.github.com/rest/overview/troubleshooting; `GET /user`
 * answers `{ login, id }`), but the words are whatever the test sets: escape sequences, bidi
 * overrides, line breaks, a piece of the token it was sent.
 */
export interface HostileProvider {
  /** `http://127.0.0.1:PORT/api/v3`: the GitHub Enterprise base URL to give a token. */
  url: string;
  /** What `GET /user` and `POST /credentials/revoke` answer. */
  answer: (credential: string) => { status: number; body: unknown };
  close(): Promise<void>;
}

export async function startHostileProvider(answer: HostileProvider['answer']): Promise<HostileProvider> {
  const provider = { answer } as HostileProvider;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const bearer = /^(?:Bearer|token)\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
      let credential = bearer;
      try {
        credential ||= ((JSON.parse(body) as { credentials?: string[] }).credentials ?? [])[0] ?? '';
      } catch {
        // no JSON body: no credential in it
      }
      const { status, body: reply } = provider.answer(credential);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`;
  provider.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return provider;
}
