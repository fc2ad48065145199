import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quickRead } from '../../electron/cli/quick-read.js';
import { createLapseService } from '../../electron/service.js';
import { openMetadataStore } from '../../electron/vault/metadata-store.js';
import { stampFileOf } from '../../electron/vault/vault-stamp.js';
import { syntheticRecords } from '../../bench/synthetic-records.js';
import { memoryKeychain } from '../helpers/memory-keychain.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-home.js';

const now = Date.parse('2026-11-27T12:00:00Z');
let home: string;
beforeEach(async () => {
  home = makeTempDir('lapse-quick-read');
  await openMetadataStore(home).update((vault) => {
    for (const record of syntheticRecords(25, now)) vault.tokens[record.id] = record;
    vault.policy = { warningDays: 30 };
  });
});
afterEach(() => removeTempDir(home));

const service = () =>
  createLapseService({ keychain: memoryKeychain(), store: openMetadataStore(home), now: () => now });

describe('list and show without the service (a vouched-for vault file)', () => {
  it('answer exactly what the service answers', async () => {
    const api = service();
    expect(quickRead(home, now, 'listTokens', {})).toEqual(await api.listTokens({}));
    const list = await api.listTokens({});
    if (!list.ok) throw new Error(list.error.message);
    const id = list.value.tokens[3]?.id ?? '';
    expect(quickRead(home, now, 'getToken', { id })).toEqual(await api.getToken({ id }));
  });

  it('a file changed by hand, an unknown id or a rotation waiting to be carried forward takes the full path', () => {
    expect(quickRead(home, now, 'getToken', { id: '__proto__' })).toBeNull();
    const file = path.join(home, 'vault.json');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace(/"token 1"/, '"token one"'));
    expect(fs.readFileSync(file, 'utf8')).not.toBe(text);
    expect(quickRead(home, now, 'listTokens', {})).toBeNull();
    fs.rmSync(stampFileOf(file));
    expect(quickRead(home, now, 'listTokens', {})).toBeNull();
  });

  it('an unfinished rotation journal means the service must carry it forward first', async () => {
    expect(quickRead(home, now, 'listTokens', {})).not.toBeNull();
    fs.mkdirSync(path.join(home, 'journal'));
    fs.writeFileSync(path.join(home, 'journal', 'r.json'), JSON.stringify({ step: 'pending-stored' }));
    expect(quickRead(home, now, 'listTokens', {})).toBeNull();
  });
});
