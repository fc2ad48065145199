// Changes to a vault folder reach every open face: the watcher merges a burst into one call with
// the kinds that changed, ignores lock and temporary files, and the browser shell streams them at
// GET /api/events (text/event-stream) to a page with a session (traded for the launch key), and to no one else.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchVaultFolder, type ChangeFeed, type ChangeKind } from '../../../electron/transports/change-feed.js';
import { startHttpHost, type HttpHost } from '../../../electron/transports/http-host.js';
import { createLapseService } from '../../../electron/service.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { changedEvents } from '../../../renderer/api/change-stream.js';
import { fakeTokens, randomAlnum } from '../../helpers/fake-tokens.js';
import { memoryKeychain } from '../../helpers/memory-keychain.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

let home: string;
let feed: ChangeFeed;
beforeEach(() => {
  home = makeTempDir('lapse-feed');
  feed = watchVaultFolder(home);
});
afterEach(() => {
  feed.close();
  removeTempDir(home);
});

describe('the vault folder watcher', () => {
  it('reports a vault write, an audit line and a journal as one merged call with their kinds', async () => {
    const seen: ChangeKind[][] = [];
    const off = feed.subscribe((kinds) => seen.push(kinds));
    const store = openMetadataStore(home);
    await store.update((vault) => void (vault.policy.warningDays = 20));
    fs.appendFileSync(path.join(home, 'audit.jsonl'), '{}\n');
    fs.writeFileSync(path.join(home, 'journal', 'x.json'), '{}');
    await new Promise((resolve) => setTimeout(resolve, 600));
    off();
    expect(new Set(seen.flat())).toEqual(new Set(['vault', 'audit', 'journal']));
    expect(seen.length).toBeLessThanOrEqual(2);
  });

  it('says nothing for lock folders, temporary files and backups alone', async () => {
    const seen: ChangeKind[][] = [];
    const off = feed.subscribe((kinds) => seen.push(kinds));
    fs.mkdirSync(path.join(home, 'vault.json.lock'));
    fs.writeFileSync(path.join(home, 'vault.json.bak'), '{}');
    fs.writeFileSync(path.join(home, 'journal', 'x.lock'), '1');
    await new Promise((resolve) => setTimeout(resolve, 500));
    off();
    expect(seen).toEqual([]);
  });
});

describe('GET /api/events on the browser shell', () => {
  let host: HttpHost;
  const key = `FAKEkey${randomAlnum(25)}`;
  beforeEach(async () => {
    const staticDir = path.join(home, 'static');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    const api = createLapseService({ keychain: memoryKeychain(), store: openMetadataStore(home), now: Date.now });
    host = await startHttpHost({ api, staticDir, key, changes: feed });
  });
  afterEach(async () => host.close());

  const get = (headers: Record<string, string>) =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(
          {
            host: '127.0.0.1',
            port: host.port,
            path: '/api/events',
            headers: { host: `127.0.0.1:${host.port}`, ...headers },
          },
          resolve,
        )
        .on('error', reject);
    });

  /** What the page does once: trade the single-use launch key for its session secret. */
  const session = () =>
    new Promise<string>((resolve, reject) => {
      const body = JSON.stringify({ key });
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/session',
          method: 'POST',
          headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json' },
        },
        (res) => {
          let text = '';
          res
            .setEncoding('utf8')
            .on('data', (c: string) => (text += c))
            .on('end', () => resolve((JSON.parse(text) as { value: { session: string } }).value.session));
        },
      );
      req.on('error', reject).end(body);
    });

  it('refuses a client without a session, or with only the launch key (401), like every call', async () => {
    const keyOnly = await get({ 'x-lapse-key': key });
    expect(keyOnly.statusCode).toBe(401);
    keyOnly.resume();
    const res = await get({});
    expect(res.statusCode).toBe(401);
    res.resume();
  });

  it('streams a `changed` event when the CLI (another process, here a write) changes the vault', async () => {
    const res = await get({ 'x-lapse-key': await session(), accept: 'text/event-stream' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const buffer = { text: '' };
    const kinds = new Promise<string[]>((resolve) => {
      res.setEncoding('utf8').on('data', (chunk: string) => {
        buffer.text += chunk;
        for (const k of changedEvents(buffer)) resolve(k);
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const api = createLapseService({ keychain: memoryKeychain(), store: openMetadataStore(home), now: Date.now });
    expect((await api.addToken({ label: 'from elsewhere', secret: fakeTokens.npm() })).ok).toBe(true);
    expect(await kinds).toContain('vault');
    res.destroy();
  });
});

it('a chunked event stream parses into the kinds of each `changed` event, skipping comments and junk', () => {
  const buffer = {
    text: ': hello\n\nevent: changed\ndata: {"kinds":["vault"]}\n\nevent: changed\ndata: not json\n\nevent: changed\ndata: {"kinds":["au',
  };
  expect([...changedEvents(buffer)]).toEqual([['vault']]);
  buffer.text += 'dit"]}\n\n';
  expect([...changedEvents(buffer)]).toEqual([['audit']]);
});
