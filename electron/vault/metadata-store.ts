import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import lockfile from 'proper-lockfile';
import { terminalSafe } from '../../shared/terminal-text.js';
import { appVersion } from '../app-version.js';
import { ensurePrivateHome } from './private-home.js';
import { VaultRefused } from './vault-refused.js';
import {
  emptyVault,
  readVaultText,
  vaultFileSchema,
  vaultFormatVersion,
  type VaultFile,
  type VaultReading,
} from './vault-file.js';
import { stampMatches, stampVault, vaultFileName } from './vault-stamp.js';

function refusedNewer(file: string, reading: Extract<VaultReading, { kind: 'newer' }>): VaultRefused {
  const by = reading.writtenBy ? `Lapse ${reading.writtenBy}` : 'a newer Lapse';
  return new VaultRefused(
    `${terminalSafe(file)} was written by ${by} (file format ${reading.version}); this Lapse (${appVersion()}) reads format ${vaultFormatVersion}. Nothing was changed or moved: update Lapse to open this vault.`,
  );
}

const readText = (file: string): string | null => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

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

/** The backup, when it is a vault this Lapse can use. */
function goodBackup(backup: string): VaultFile | null {
  const text = readText(backup);
  const read = text === null ? null : readVaultText(text);
  return read?.kind === 'vault' ? read.vault : null;
}

/**
 * A file that is not a Lapse vault is moved aside and the last good backup restored; never silently
 * emptied. A newer Lapse's file is left exactly as it is, and refused. Answers what happened, or null
 * when the file was fine (or absent).
 */
function recoverIfCorrupt(file: string, backup: string): StoreRecovery | null {
  const text = readText(file);
  if (text === null) return null;
  const read = readVaultText(text);
  if (read.kind === 'vault') return null;
  if (read.kind === 'newer') throw refusedNewer(file, read);
  const movedTo = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(file, movedTo);
  const good = goodBackup(backup);
  if (good) fs.copyFileSync(backup, file);
  const backupNote = fs.existsSync(backup) ? 'its backup could not be read either' : 'no backup exists';
  return {
    movedTo,
    restoredFrom: good ? 'backup' : 'nothing',
    message: good
      ? `The metadata file was not a Lapse vault (unreadable, or not Lapse's), so it was moved to ${terminalSafe(movedTo)} and the last good backup was restored. Tokens changed since that backup may be missing from the list; their secrets are still in the keychain.`
      : `The metadata file was not a Lapse vault (unreadable, or not Lapse's) and ${backupNote}, so it was moved to ${terminalSafe(movedTo)}. The secrets are still in the OS keychain; the file moved aside may be repairable by hand.`,
  };
}

/** A first vault.json, whole or not at all (a reader never sees a half-written one). */
function createIfMissing(file: string): void {
  if (fs.existsSync(file)) return;
  const temp = `${file}.new-${process.pid}-${Date.now()}`;
  fs.writeFileSync(temp, JSON.stringify({ ...emptyVault(), writtenBy: appVersion() }), { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    // Another process created it first: fine, the lock below serialises what follows.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

const openEngine = (Engine: StoreEngine, home: string) =>
  new Engine({
    cwd: home,
    configName: 'vault',
    // electron-store names its file by `name` and overrides configName with it: keep both on vault.json.
    ...({ name: 'vault' } as object),
    configFileMode: 0o600,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
  });

export function openMetadataStore(home: string, Engine: StoreEngine = Conf as StoreEngine): MetadataStore {
  ensurePrivateHome(home);
  const file = path.join(home, vaultFileName);
  const backup = `${file}.bak`;
  let recovery: StoreRecovery | null = null;
  const recover = () => {
    recovery = recoverIfCorrupt(file, backup) ?? recovery;
  };

  let stampedText: string | null = null;
  // Vouch for exactly the text just validated (not whatever the file holds a moment later), once per
  // change: lets `lapse list` trust the file without loading the schemas (vault-stamp.ts).
  function stampValidated(text: string): void {
    if (text === stampedText) return;
    const bytes = Buffer.from(text, 'utf8');
    if (!stampMatches(file, bytes)) stampVault(file, bytes);
    stampedText = text;
  }

  recover();
  const engine = openEngine(Engine, home);

  /**
   * The vault as the file holds it now: read from disk, strictly (no file yet: an empty vault).
   * `vouch`: stamp the text when it validates to itself, for `lapse list`'s quick read. An update
   * need not: it stamps the text it writes.
   */
  const readNow = (vouch = true): VaultFile => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const text = readText(file);
      if (text === null) return emptyVault();
      const read = readVaultText(text);
      if (read.kind === 'vault') {
        // Content that validates to itself (nothing defaulted in) may be trusted as is next time.
        if (vouch && JSON.stringify(read.vault) === JSON.stringify(JSON.parse(text))) stampValidated(text);
        return read.vault;
      }
      if (read.kind === 'newer') throw refusedNewer(file, read);
      recover();
    }
    return emptyVault();
  };

  return {
    path: file,
    get recovery() {
      return recovery;
    },
    read: async () => readNow(),
    async update(change) {
      createIfMissing(file);
      const release = await lockfile.lock(file, {
        stale: 10_000,
        retries: { retries: 100, minTimeout: 10, maxTimeout: 100 },
      });
      try {
        const vault = readNow(false);
        // The file just read is a good vault: it becomes the backup, unless it is empty and the
        // backup is not (a vault that lost its tokens never erases the last copy that had them).
        const current = readText(file);
        const keepBackup =
          Object.keys(vault.tokens).length === 0 && Object.keys(goodBackup(backup)?.tokens ?? {}).length > 0;
        const result = change(vault);
        const next = vaultFileSchema.parse({ ...vault, writtenBy: appVersion() });
        if (current !== null && !keepBackup) fs.writeFileSync(backup, current, { mode: 0o600 });
        if (fs.existsSync(backup)) fs.chmodSync(backup, 0o600);
        engine.store = next;
        stampVault(file);
        return result;
      } finally {
        await release();
      }
    },
  };
}
