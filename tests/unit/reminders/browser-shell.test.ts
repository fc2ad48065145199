import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLapseService } from '../../../electron/service.js';
import { startHttpHost, type HttpHost } from '../../../electron/transports/http-host.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { randomAlnum } from '../../helpers/fake-tokens.js';
import { memoryKeychain } from '../../helpers/memory-keychain.js';
import { shellSession } from '../../helpers/shell-session.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { seedVault, testClock, tokenRecord } from './reminder-vault.js';

// The page of `lapse serve` polls these calls for its banner and its Web Notifications.
const key = `FAKEkey${randomAlnum(25)}`;
let home: string;
let host: HttpHost;
let session: string;
const clock = testClock('2026-11-24T10:00:00Z');

const call = async (method: string, arg: unknown = {}) => {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lapse-key': session },
    body: JSON.stringify(arg),
  });
  return (await response.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };
};

beforeEach(async () => {
  home = makeTempDir('lapse-reminders-http');
  await seedVault(home, [
    tokenRecord({
      label: 'CI deploy',
      createdAt: '2026-10-01T09:00:00Z',
      lastVerifiedAt: '2026-11-20T09:00:00Z',
      expiresAt: '2026-12-01T09:00:00Z',
    }),
  ]);
  const api = createLapseService({ keychain: memoryKeychain(), store: openMetadataStore(home), now: clock.now });
  host = await startHttpHost({ api, staticDir: home, key });
  session = await shellSession(host.port, key);
});
afterEach(async () => {
  await host.close();
  removeTempDir(home);
});

describe('reminders in the browser shell', () => {
  it('the page gets each due reminder once for a Web Notification, and the banner list stays', async () => {
    const first = await call('collectDueReminders');
    expect(first).toMatchObject({
      ok: true,
      value: { notification: { title: '"CI deploy" expires in 6 days', summary: false } },
    });
    expect(await call('collectDueReminders')).toEqual({ ok: true, value: { notification: null } });
    const banner = await call('listReminders', { due: true });
    expect(banner.value?.['reminders']).toMatchObject([{ state: 'due', title: '"CI deploy" expires in 6 days' }]);
  });

  it('refuses a snooze for an unknown span, as every transport parses with the contract', async () => {
    expect(await call('snoozeReminder', { id: 'aaaaaaaa-1111', for: '2d' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});
