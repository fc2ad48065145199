// `kill -9` during `lapse add` must never leave a keychain entry nobody can see or remove.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addIntentFolder, beginAdd, sweepInterruptedAdds } from '../../../electron/vault/add-intents.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession, keychainAttributes } from '../../helpers/keychain-session.js';
import { memoryKeychain } from '../../helpers/memory-keychain.js';
import { repoRoot, run } from '../../helpers/processes.js';
import { makeRecord } from '../../helpers/records.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';

announceKeychainSkip();

const vault = ownVaultEachTest('lapse-interrupted');

/** A pid that was just in use and no longer is. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid ?? 999_999;

function intentOf(id: string, pid: number): void {
  fs.mkdirSync(addIntentFolder(vault.home), { recursive: true, mode: 0o700 });
  fs.writeFileSync(
    path.join(addIntentFolder(vault.home), `${id}.json`),
    JSON.stringify({ id, pid, at: new Date().toISOString() }),
  );
}

describe('the sweep of interrupted adds', () => {
  it("removes the entry of a dead process's add whose metadata never arrived, and its intent", async () => {
    const store = openMetadataStore(vault.home);
    const keychain = memoryKeychain();
    const id = randomUUID();
    await keychain.set(id, fakeTokens.npm());
    intentOf(id, deadPid());
    expect(await sweepInterruptedAdds(store, keychain)).toEqual([id]);
    expect(keychain.entries.has(id)).toBe(false);
    expect(fs.readdirSync(addIntentFolder(vault.home))).toEqual([]);
  });

  it('keeps the entry when the metadata did arrive (killed after the vault write), dropping only the intent', async () => {
    const store = openMetadataStore(vault.home);
    const keychain = memoryKeychain();
    const record = makeRecord();
    await store.update((v) => void (v.tokens[record.id] = record));
    await keychain.set(record.id, fakeTokens.npm());
    intentOf(record.id, deadPid());
    expect(await sweepInterruptedAdds(store, keychain)).toEqual([]);
    expect(keychain.entries.has(record.id)).toBe(true);
    expect(fs.readdirSync(addIntentFolder(vault.home))).toEqual([]);
  });

  it('leaves an add under way in a live process alone', async () => {
    const store = openMetadataStore(vault.home);
    const keychain = memoryKeychain();
    const id = randomUUID();
    await keychain.set(id, fakeTokens.npm());
    beginAdd(store, id, Date.now());
    intentOf(randomUUID(), process.ppid);
    expect(await sweepInterruptedAdds(store, keychain)).toEqual([]);
    expect(keychain.entries.has(id)).toBe(true);
    expect(fs.readdirSync(addIntentFolder(vault.home))).toHaveLength(2);
  });

  it('keeps the intent when the keychain cannot answer, for the next start', async () => {
    const store = openMetadataStore(vault.home);
    const keychain = memoryKeychain();
    keychain.delete = () => Promise.reject(new Error('keychain locked'));
    intentOf(randomUUID(), deadPid());
    expect(await sweepInterruptedAdds(store, keychain)).toEqual([]);
    expect(fs.readdirSync(addIntentFolder(vault.home))).toHaveLength(1);
  });
});

describe.skipIf(!inKeychainSession)('lapse add killed with SIGKILL', () => {
  const lapseBin = path.join(repoRoot, 'bin', 'lapse.js');
  const env = () => ({ ...process.env, LAPSE_HOME: vault.home, LAPSE_KEYCHAIN_SERVICE: vault.service });

  async function killedAdd(label: string, when: () => Promise<void>): Promise<void> {
    const child = spawn(process.execPath, [lapseBin, 'add', '--label', label], {
      env: env(),
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.stdin.end(`${fakeTokens.githubClassic()}\n`);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await when();
    child.kill('SIGKILL');
    await exited;
  }

  async function entriesMatchRecords(): Promise<void> {
    const listed = await run(process.execPath, [lapseBin, 'list', '--json'], { env: env() });
    expect(listed.code, listed.stderr).toBe(0);
    const ids = (JSON.parse(listed.stdout) as { id: string }[]).map((t) => t.id).sort();
    expect((await keychainAttributes(vault.service)).usernames.sort()).toEqual(ids);
    expect(fs.existsSync(addIntentFolder(vault.home)) ? fs.readdirSync(addIntentFolder(vault.home)) : []).toEqual([]);
  }

  it('between the keychain write and the vault write (another writer holds the vault lock): the next command removes the orphan entry', async () => {
    const store = openMetadataStore(vault.home);
    await store.update(() => undefined);
    for (let i = 0; i < 3; i++) {
      // A fresh lock (what another writer holds): the add writes its keychain entry, then waits for the vault.
      const lock = `${store.path}.lock`;
      fs.mkdirSync(lock);
      await killedAdd(`killed waiting ${i}`, async () => {
        for (
          let waited = 0;
          waited < 8000 && (await keychainAttributes(vault.service)).usernames.length === 0;
          waited += 200
        )
          await new Promise((r) => setTimeout(r, 200));
      });
      // The vault holds no token: this entry is the orphan a kill at this moment leaves.
      expect(
        (await keychainAttributes(vault.service)).usernames,
        'the add reached the keychain before it was killed',
      ).toHaveLength(1);
      fs.rmSync(lock, { recursive: true });
      await entriesMatchRecords();
    }
  }, 60_000);

  it('10 adds killed at random moments: after the next command, every keychain entry has its metadata', async () => {
    for (let i = 0; i < 10; i++) {
      // Between 150 and 900 ms: from start-up through the keychain write to the vault write.
      await killedAdd(`killed ${i}`, () => new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 750))));
    }
    await entriesMatchRecords();
  }, 60_000);
});
