// What the contract fuzz found, pinned so it stays fixed.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLapseService } from '../../../electron/service.js';
import { dispatch } from '../../../electron/transports/dispatch.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { apiMethods, apiSpec, type LapseApi } from '../../../shared/api.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { memoryKeychain } from '../../helpers/memory-keychain.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

let home: string;
let api: LapseApi;
beforeEach(() => {
  home = makeTempDir('lapse-fuzz-findings');
  api = createLapseService({
    keychain: memoryKeychain(),
    store: openMetadataStore(path.join(home, 'lapse')),
    now: Date.now,
  });
});
afterEach(() => removeTempDir(home));

describe('found by the contract fuzz', () => {
  it('"constructor" is not a token id: no call finds Object.prototype.constructor where a token should be', async () => {
    for (const method of apiMethods) {
      const answer = await dispatch(api, method, { id: 'constructor' });
      if (!answer.ok) expect(answer.error.code, method).not.toBe('internal');
    }
    expect(await dispatch(api, 'startGuidedRotation', { id: 'constructor' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('a token that expired before 1970 gets reminders whose ids the contract accepts (and can snooze)', async () => {
    const added = await dispatch(api, 'addToken', {
      label: 'ancient',
      secret: fakeTokens.npm(),
      expiresAt: '1969-07-20T20:17:00Z',
    });
    expect(added.ok).toBe(true);
    const listed = await dispatch(api, 'listReminders', {});
    expect(apiSpec.listReminders.output.safeParse(listed.ok ? listed.value : null).success).toBe(true);
    const [reminder] = listed.ok ? (listed.value as { reminders: { id: string }[] }).reminders : [];
    expect(reminder?.id).toMatch(/\.-[0-9a-z]+$/);
    expect(await dispatch(api, 'snoozeReminder', { id: reminder?.id, for: '1d' })).toMatchObject({ ok: true });
  });
});

describe('found by the contract fuzz in CI', () => {
  it('an OAuth2 token with no base URL: rotating it says to set the base URL, as a typed error, never "internal"', async () => {
    const added = await dispatch(api, 'addToken', {
      label: 'issuer unknown',
      secret: `FAKE-opaque-${'x'.repeat(24)}`,
      provider: 'oauth2',
    });
    expect(added.ok).toBe(true);
    const id = added.ok ? (added.value as { id: string }).id : '';
    for (const method of apiMethods) {
      const answer = await dispatch(api, method, { id, secret: 'x' });
      if (!answer.ok) expect(answer.error.code, `${method}: ${answer.error.message}`).not.toBe('internal');
    }
    const rotated = await dispatch(api, 'rotateToken', { id });
    expect(rotated).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('base URL') },
    });
  });
});
