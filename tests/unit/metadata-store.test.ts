import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openMetadataStore, vaultFileName, type MetadataStore } from '../../electron/vault/metadata-store.js';
import { builtModule, run } from '../helpers/processes.js';
import { makeRecord } from '../helpers/records.js';
import { makeTempDir, modeOf, removeTempDir } from '../helpers/temp-home.js';

let scratch: string;
let home: string;

beforeEach(() => {
  scratch = makeTempDir('lapse-store');
  home = path.join(scratch, 'Lapse'); // not yet there: the store creates it
});

afterEach(() => {
  vi.restoreAllMocks();
  removeTempDir(scratch);
});

const vaultPath = () => path.join(home, vaultFileName);
const idsIn = async (store: MetadataStore) => Object.keys((await store.read()).tokens).sort();
const add = (store: MetadataStore, label: string) => {
  const record = makeRecord({ label });
  return store.update((vault) => {
    vault.tokens[record.id] = record;
    return record.id;
  });
};
const corruptFiles = () => fs.readdirSync(home).filter((f) => f.startsWith(`${vaultFileName}.corrupt-`));

describe('the metadata file on disk', () => {
  it('is created in a 0700 folder with mode 0600, and its backup is 0600 too', async () => {
    const store = openMetadataStore(home);
    expect(modeOf(home)).toBe(0o700);
    await add(store, 'first');
    await add(store, 'second');
    expect(modeOf(vaultPath())).toBe(0o600);
    expect(modeOf(`${vaultPath()}.bak`)).toBe(0o600);
  });

  it('stays 0600 after many atomic rewrites', async () => {
    const store = openMetadataStore(home);
    for (let i = 0; i < 5; i++) await add(store, `t${i}`);
    expect(modeOf(vaultPath())).toBe(0o600);
    expect(await idsIn(store)).toHaveLength(5);
    // No temporary files left beside it by the atomic writes: the backup, and the note vouching for
    // the content just validated (vault-stamp.ts), also 0600.
    expect(fs.readdirSync(home).sort()).toEqual([vaultFileName, `${vaultFileName}.bak`, `${vaultFileName}.checked`]);
    expect(modeOf(`${vaultPath()}.checked`)).toBe(0o600);
  });

  it('is validated on write: an invalid change writes nothing', async () => {
    const store = openMetadataStore(home);
    const id = await add(store, 'kept');
    const before = fs.readFileSync(vaultPath(), 'utf8');
    await expect(
      store.update((vault) => {
        vault.tokens['bad-record-id'] = { ...makeRecord(), fingerprint: 'not hex!' };
      }),
    ).rejects.toThrow();
    await expect(
      store.update(() => {
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(fs.readFileSync(vaultPath(), 'utf8')).toBe(before);
    expect(await idsIn(store)).toEqual([id]);
  });
});

describe('a metadata file that will not parse', () => {
  it('is moved aside to .corrupt-<time>, the last good backup restored, and the user told', async () => {
    const first = openMetadataStore(home);
    const a = await add(first, 'a');
    await add(first, 'b'); // the backup now holds the vault with `a` only
    fs.writeFileSync(vaultPath(), '{"version":1,"tokens":{"x": tru');

    const reopened = openMetadataStore(home);
    expect(reopened.recovery).not.toBeNull();
    expect(reopened.recovery?.restoredFrom).toBe('backup');
    expect(corruptFiles()).toHaveLength(1);
    expect(reopened.recovery?.movedTo).toBe(path.join(home, corruptFiles()[0] as string));
    expect(fs.readFileSync(reopened.recovery!.movedTo, 'utf8')).toBe('{"version":1,"tokens":{"x": tru');
    expect(reopened.recovery?.message).toContain(reopened.recovery!.movedTo);
    expect(reopened.recovery?.message).toMatch(/backup was restored/);
    expect(await idsIn(reopened)).toEqual([a]);
  });

  it('is recovered the same way when it breaks while the store is open', async () => {
    const store = openMetadataStore(home);
    const a = await add(store, 'a');
    await add(store, 'b');
    fs.writeFileSync(vaultPath(), 'garbage');
    expect(await idsIn(store)).toEqual([a]);
    expect(store.recovery?.restoredFrom).toBe('backup');
    expect(corruptFiles()).toHaveLength(1);
  });

  it('is never silently replaced by an empty vault when there is no backup: moved aside, and the message says so', async () => {
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(vaultPath(), '{ this is not json');
    const store = openMetadataStore(home);
    expect(store.recovery).toMatchObject({ restoredFrom: 'nothing' });
    expect(store.recovery?.message).toMatch(/no backup exists/);
    expect(store.recovery?.message).toContain(store.recovery!.movedTo);
    expect(fs.readFileSync(store.recovery!.movedTo, 'utf8')).toBe('{ this is not json');
    expect(fs.existsSync(vaultPath())).toBe(false);
  });

  it('that is valid JSON but not a vault is treated as corrupt too', async () => {
    const store = openMetadataStore(home);
    const a = await add(store, 'a');
    await add(store, 'b');
    fs.writeFileSync(vaultPath(), JSON.stringify({ version: 1, tokens: { oops: { label: 42 } } }));
    const reopened = openMetadataStore(home);
    expect(reopened.recovery?.restoredFrom).toBe('backup');
    expect(await idsIn(reopened)).toEqual([a]);
  });

  it('truncated to zero bytes (a crash mid-write) is corrupt too: moved aside and the backup restored', async () => {
    const store = openMetadataStore(home);
    const a = await add(store, 'a');
    await add(store, 'b');
    fs.writeFileSync(vaultPath(), '');
    let reopened: MetadataStore | undefined;
    expect(() => (reopened = openMetadataStore(home))).not.toThrow();
    expect(reopened?.recovery?.restoredFrom).toBe('backup');
    expect(await idsIn(reopened!)).toEqual([a]);
  });
});

describe('several writers at once', () => {
  it('two stores in one process, 20 updates each, lose no update', async () => {
    const one = openMetadataStore(home);
    const two = openMetadataStore(home);
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => add(i % 2 ? one : two, `t${i}`)));
    expect(await idsIn(one)).toEqual([...ids].sort());
    expect(await idsIn(two)).toHaveLength(40);
  });

  it('four processes, 10 updates each, lose no update', async () => {
    const store = builtModule('electron/vault/metadata-store.js');
    const model = builtModule('shared/model.js');
    const writer = `
      import { openMetadataStore } from ${JSON.stringify(store)};
      import { tokenRecordFrom } from ${JSON.stringify(model)};
      import { randomUUID } from 'node:crypto';
      const vault = openMetadataStore(process.argv[1]);
      for (let i = 0; i < 10; i++) {
        const id = randomUUID();
        await vault.update((v) => {
          v.tokens[id] = tokenRecordFrom({ id, label: 'w' + i, provider: 'generic', kind: 'API key', account: null,
            scopes: [], purpose: '', tags: [], baseUrl: null, createdAt: new Date().toISOString(), expiresAt: null,
            lastVerifiedAt: null, lastUsedAt: null, lastRotatedAt: null, masked: '••••', fingerprint: '0123abcd' });
        });
      }`;
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        run(process.execPath, ['--input-type=module', '-e', writer, home], { timeoutMs: 60_000 }),
      ),
    );
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    expect(await idsIn(openMetadataStore(home))).toHaveLength(40);
    expect(modeOf(vaultPath())).toBe(0o600);
  });

  it('a writer that finds vault.json created by another process between its check and its create still saves its change', async () => {
    const other = openMetadataStore(home);
    const mine = openMetadataStore(home);
    const realExists = fs.existsSync.bind(fs);
    let raced = false;
    vi.spyOn(fs, 'existsSync').mockImplementation((p) => {
      if (!raced && p === vaultPath()) {
        raced = true;
        // Another Lapse process creates the file right after this one looked.
        const before = realExists(p);
        if (!before) fs.writeFileSync(vaultPath(), JSON.stringify({ version: 1, tokens: {} }), { mode: 0o600 });
        return before;
      }
      return realExists(p);
    });
    const id = await add(mine, 'mine');
    expect(raced).toBe(true);
    expect(await idsIn(other)).toEqual([id]);
  });

  it('a writer waits for the lock another holds, then writes on top of the latest file', async () => {
    const store = openMetadataStore(home);
    const first = await add(store, 'first');
    const release = await lockfile.lock(vaultPath(), { realpath: true });
    const pending = add(store, 'second');
    await new Promise((r) => setTimeout(r, 300));
    expect(await idsIn(store)).toEqual([first]);
    await release();
    const second = await pending;
    expect(await idsIn(store)).toEqual([first, second].sort());
  });
});
