import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import lockfile from 'proper-lockfile';
import { emptyVault, parseVaultFile, vaultFileSchema, type VaultFile } from './vault-file.js';
import { stampMatches, stampVault, vaultFileName } from './vault-stamp.js';

/** What the user is told when the metadata file had to be restored. */
export interface StoreRecovery {
  movedTo: string;
  restoredFrom: 'backup' | 'nothing';
  message: string;
}

/** conf in Node, electron-store (a Conf subclass) inside Electron: same file, same folder. */
export type StoreEngine = new (options: ConstructorParameters<typeof Conf<VaultFile>>[0]) => Conf<VaultFile>;

/** Lapse's metadata: one JSON file, one writer at a time, atomic writes, mode 0600, validated. */
export interface MetadataStore {
  readonly path: string;
  /** Set when a corrupt file was moved aside since this store was opened. */
  readonly recovery: StoreRecovery | null;
  read(): Promise<VaultFile>;
  /** Lock, re-read, change, validate, back up the last good file, write atomically, unlock. */
  update<T>(change: (vault: VaultFile) => T): Promise<T>;
}

export { vaultFileName } from './vault-stamp.js';

export function openMetadataStore(home: string, Engine: StoreEngine = Conf as StoreEngine): MetadataStore {
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  const file = path.join(home, vaultFileName);
  const backup = `${file}.bak`;
  let recovery: StoreRecovery | null = null;

  // A file that won't parse is moved aside and the last good backup restored; never silently emptied.
  function recoverIfCorrupt(): void {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (parseVaultFile(text)) return;
    const movedTo = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(file, movedTo);
    const good = fs.existsSync(backup) ? parseVaultFile(fs.readFileSync(backup, 'utf8')) : null;
    if (good) fs.copyFileSync(backup, file);
    recovery = {
      movedTo,
      restoredFrom: good ? 'backup' : 'nothing',
      message: good
        ? `The metadata file could not be read, so it was moved to ${movedTo} and the last good backup was restored. Tokens changed since that backup may be missing from the list; their secrets are still in the keychain.`
        : `The metadata file could not be read and no backup exists, so it was moved to ${movedTo}. The secrets are still in the OS keychain; the file moved aside may be repairable by hand.`,
    };
  }

  let stampedFor = -1;
  // Once per change of the file on disk, not on every read.
  function stampIfChanged(): void {
    try {
      const bytes = fs.readFileSync(file);
      const stat = fs.statSync(file);
      if (stat.mtimeMs === stampedFor) return;
      if (!stampMatches(file, bytes)) stampVault(file, bytes);
      stampedFor = stat.mtimeMs;
    } catch {
      // No file yet: nothing to vouch for.
    }
  }

  recoverIfCorrupt();
  const engine = new Engine({
    cwd: home,
    configName: 'vault',
    // electron-store names its file by `name` and overrides configName with it: keep both on vault.json.
    ...({ name: 'vault' } as object),
    configFileMode: 0o600,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
  });

  const readNow = (): VaultFile => {
    let raw: unknown;
    try {
      raw = engine.store;
    } catch {
      recoverIfCorrupt();
      raw = engine.store;
    }
    const text = JSON.stringify(raw);
    const parsed = parseVaultFile(text);
    // Content that validates to itself (nothing defaulted in) may be trusted as is next time.
    if (parsed && JSON.stringify(parsed) === text) stampIfChanged();
    if (parsed) return parsed;
    recoverIfCorrupt();
    return parseVaultFile(JSON.stringify(engine.store)) ?? emptyVault();
  };

  return {
    path: file,
    get recovery() {
      return recovery;
    },
    read: async () => readNow(),
    async update(change) {
      try {
        fs.writeFileSync(file, JSON.stringify(emptyVault()), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        // Another process created it first: fine, the lock below serialises what follows.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const release = await lockfile.lock(file, {
        stale: 10_000,
        retries: { retries: 100, minTimeout: 10, maxTimeout: 100 },
      });
      try {
        const vault = readNow();
        const result = change(vault);
        const next = vaultFileSchema.parse(vault);
        if (fs.existsSync(file)) fs.copyFileSync(file, backup);
        fs.chmodSync(backup, 0o600);
        engine.store = next;
        stampVault(file);
        return result;
      } finally {
        await release();
      }
    },
  };
}
