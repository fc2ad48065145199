// The vault folder and file against what a careless hand or another user can leave there:
// `[]` or `{}` in vault.json, a newer Lapse's file, a folder others can write or someone else owns.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appVersion } from '../../../electron/app-version.js';
import { openMetadataStore, vaultFileName, type MetadataStore } from '../../../electron/vault/metadata-store.js';
import { makeRecord } from '../../helpers/records.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { cliIn } from './cli-rig.js';

let scratch: string;
let home: string;
beforeEach(() => {
  scratch = makeTempDir('lapse-guards');
  home = path.join(scratch, 'Lapse');
});
afterEach(() => removeTempDir(scratch));

const vaultPath = () => path.join(home, vaultFileName);
const ids = async (store: MetadataStore) => Object.keys((await store.read()).tokens).sort();
const add = (store: MetadataStore, label: string) => {
  const record = makeRecord({ label });
  return store.update((vault) => {
    vault.tokens[record.id] = record;
    return record.id;
  });
};
const snapshot = () =>
  Object.fromEntries(fs.readdirSync(home).map((f) => [f, fs.readFileSync(path.join(home, f), 'utf8')]));

describe('a vault.json that is not a Lapse vault', () => {
  it.each([
    ['[]', '[]'],
    ['{}', '{}'],
    ['null', 'null'],
    ['a number', '42'],
  ])('%s is refused as a vault: moved aside, the backup restored and kept, the user told', async (_name, text) => {
    const store = openMetadataStore(home);
    const a = await add(store, 'a');
    const b = await add(store, 'b');
    await add(store, 'c');
    const backupBefore = fs.readFileSync(`${vaultPath()}.bak`, 'utf8');
    fs.writeFileSync(vaultPath(), text);
    const reopened = openMetadataStore(home);
    expect(reopened.recovery).toMatchObject({ restoredFrom: 'backup' });
    expect(reopened.recovery?.message).toMatch(/not a Lapse vault/);
    expect(fs.readFileSync(reopened.recovery!.movedTo, 'utf8')).toBe(text);
    expect(await ids(reopened)).toEqual([a, b].sort());
    // The next write backs up the restored vault, never the empty one: no record is lost twice.
    await add(reopened, 'd');
    expect(fs.readFileSync(`${vaultPath()}.bak`, 'utf8')).toBe(backupBefore);
    expect((await ids(reopened)).length).toBe(3);
  });

  it('a vault that lost every token does not overwrite a backup that still has them', async () => {
    const store = openMetadataStore(home);
    await add(store, 'a');
    await add(store, 'b');
    const backupWithA = fs.readFileSync(`${vaultPath()}.bak`, 'utf8');
    fs.writeFileSync(vaultPath(), JSON.stringify({ version: 1, tokens: {} }));
    await add(store, 'after');
    expect(fs.readFileSync(`${vaultPath()}.bak`, 'utf8')).toBe(backupWithA);
  });
});

describe('a vault.json from a newer Lapse', () => {
  const newer = () => JSON.stringify({ version: 2, writtenBy: '9.1.0', tokens: {}, projects: { next: 'format' } });

  it('is refused at open, naming the version that wrote it; nothing is moved, restored or written', async () => {
    const store = openMetadataStore(home);
    await add(store, 'a');
    await add(store, 'b');
    fs.writeFileSync(vaultPath(), newer());
    const before = snapshot();
    expect(() => openMetadataStore(home)).toThrow(
      /written by Lapse 9\.1\.0 \(file format 2\); this Lapse \(.+\) reads format 1\. Nothing was changed/,
    );
    expect(snapshot()).toEqual(before);
  });

  it('appearing under an open store (another Lapse upgraded it) is refused on the next read and write, untouched', async () => {
    const store = openMetadataStore(home);
    await add(store, 'a');
    fs.writeFileSync(vaultPath(), newer());
    const before = snapshot();
    await expect(store.read()).rejects.toThrow(/newer|9\.1\.0/);
    await expect(add(store, 'b')).rejects.toThrow(/9\.1\.0/);
    expect(snapshot()).toEqual(before);
  });

  it('lapse list says so, exit 2, and changes nothing', async () => {
    fs.mkdirSync(home, { mode: 0o700 });
    fs.writeFileSync(vaultPath(), newer(), { mode: 0o600 });
    const listed = await cliIn(home, 'lapse-test-unused')(['list']);
    expect(listed.code).toBe(2);
    expect(listed.stderr).toMatch(/written by Lapse 9\.1\.0/);
    expect(fs.readdirSync(home)).toEqual([vaultFileName]);
  });
});

describe('what this Lapse writes', () => {
  it('names itself in the file, and keeps sections it does not know', async () => {
    const store = openMetadataStore(home);
    await add(store, 'a');
    const file = JSON.parse(fs.readFileSync(vaultPath(), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(vaultPath(), JSON.stringify({ ...file, laterSection: { kept: true } }));
    await add(store, 'b');
    const after = JSON.parse(fs.readFileSync(vaultPath(), 'utf8')) as Record<string, unknown>;
    expect(after['writtenBy']).toBe(appVersion());
    expect(appVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(after['laterSection']).toEqual({ kept: true });
  });

  it('reads a label stored with invisible characters (before they were refused) with them dropped', async () => {
    const record = { ...makeRecord({ label: 'plain' }), label: 'deploy\u200e key\u200b' };
    fs.mkdirSync(home, { mode: 0o700 });
    fs.writeFileSync(vaultPath(), JSON.stringify({ version: 1, tokens: { [record.id]: record } }), { mode: 0o600 });
    const store = openMetadataStore(home);
    expect(store.recovery).toBeNull();
    expect((await store.read()).tokens[record.id]?.label).toBe('deploy key');
  });
});

describe('the vault folder', () => {
  it.each([0o777, 0o775, 0o757])(
    'an existing folder others can write (mode %o) is refused with the fix, and nothing is created in it',
    (mode) => {
      fs.mkdirSync(home);
      fs.chmodSync(home, mode);
      expect(() => openMetadataStore(home)).toThrow(/can be written by other users .*chmod 700/);
      expect(fs.readdirSync(home)).toEqual([]);
    },
  );

  it.skipIf(process.getuid?.() !== 0)(
    'an existing folder that belongs to another user is refused (checked as root, with a folder given to nobody)',
    () => {
      fs.mkdirSync(home, { mode: 0o700 });
      fs.chownSync(home, 65534, 65534);
      expect(() => openMetadataStore(home)).toThrow(/belongs to another user \(uid 65534\)/);
    },
  );

  it('a folder Lapse creates is 0700 whatever the umask', () => {
    const old = process.umask(0);
    try {
      openMetadataStore(home);
    } finally {
      process.umask(old);
    }
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
  });

  it('lapse refuses a world-writable LAPSE_HOME with exit 2 and the command that fixes it', async () => {
    fs.mkdirSync(home);
    fs.chmodSync(home, 0o777);
    const listed = await cliIn(home, 'lapse-test-unused')(['list']);
    expect(listed.code).toBe(2);
    expect(listed.stderr).toMatch(/chmod 700 '.*Lapse'/);
  });
});
