import fs from 'node:fs';
import path from 'node:path';
import type { Keychain } from './keychain.js';
import type { MetadataStore } from './metadata-store.js';

/**
 * Adding a token writes its secret to the keychain, then its metadata to the vault. A process
 * killed between the two leaves a keychain entry nobody can see or remove (the keychain adapter
 * cannot list entries). So before the keychain write, a small intent file names the id and the
 * process; it goes once the metadata is written. At start, intents of processes that are gone
 * and whose id the vault does not hold are swept: the orphan entry is deleted.
 */
export const addIntentFolder = (home: string) => path.join(home, 'adding');

const intentFile = (home: string, id: string) => path.join(addIntentFolder(home), `${id}.json`);
const homeOf = (store: Pick<MetadataStore, 'path'>) => path.dirname(store.path);

/** Record, durably, that this process is about to write a keychain entry for `id`. */
export function beginAdd(store: Pick<MetadataStore, 'path'>, id: string, at: number): void {
  const home = homeOf(store);
  fs.mkdirSync(addIntentFolder(home), { recursive: true, mode: 0o700 });
  const fd = fs.openSync(intentFile(home, id), 'wx', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify({ id, pid: process.pid, at: new Date(at).toISOString() }));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The add is settled (metadata written, or the entry removed again): its intent goes. */
export function endAdd(store: Pick<MetadataStore, 'path'>, id: string): void {
  fs.rmSync(intentFile(homeOf(store), id), { force: true });
}

/** Whether a process is still running (EPERM: it runs, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Delete the keychain entries of adds whose process died before the metadata was written. An
 * intent of a live process (an add under way) is left alone; a keychain that cannot answer now
 * leaves the intent for the next start. Returns the ids whose orphan entry was removed.
 */
export async function sweepInterruptedAdds(store: MetadataStore, keychain: Keychain): Promise<string[]> {
  const folder = addIntentFolder(homeOf(store));
  let names: string[];
  try {
    names = fs.readdirSync(folder).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const swept: string[] = [];
  for (const name of names) {
    const file = path.join(folder, name);
    let intent: { id?: unknown; pid?: unknown };
    try {
      intent = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof intent;
    } catch {
      // Torn by a crash while being written: the keychain write had not started yet.
      fs.rmSync(file, { force: true });
      continue;
    }
    if (typeof intent.id !== 'string' || `${intent.id}.json` !== name || typeof intent.pid !== 'number') continue;
    if (intent.pid === process.pid || alive(intent.pid)) continue;
    try {
      if (!(await store.read()).tokens[intent.id]) {
        await keychain.delete(intent.id);
        swept.push(intent.id);
      }
      fs.rmSync(file, { force: true });
    } catch {
      // The keychain or the store cannot answer now: the next start tries again.
    }
  }
  return swept;
}
