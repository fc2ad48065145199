import fs from 'node:fs';
import path from 'node:path';
import type { LapseApi, ScanResult, StartScanInput } from '../../../shared/api.js';
import type { Result } from '../../../shared/result.js';
import { createLapseService } from '../../../electron/service.js';
import { checkedApi } from '../../../electron/transports/dispatch.js';
import { openMetadataStore, type MetadataStore } from '../../../electron/vault/metadata-store.js';
import { memoryKeychain, type MemoryKeychain } from '../../helpers/memory-keychain.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';

/** A service over a temporary home folder, Lapse folder and in-memory keychain, as a scan test needs. */
export interface ScanRig {
  /** The user's home folder (what HOME points to). */
  home: string;
  /** A folder to put projects in, outside the home folder. */
  work: string;
  lapseHome: string;
  keychain: MemoryKeychain;
  store: MetadataStore;
  api: LapseApi;
  now: { at: number };
  remove(): void;
}

export function scanRig(): ScanRig {
  const root = makeTempDir('lapse-discovery');
  const home = path.join(root, 'home');
  const work = path.join(root, 'work');
  const lapseHome = path.join(root, 'lapse');
  fs.mkdirSync(home);
  fs.mkdirSync(work);
  const keychain = memoryKeychain();
  const store = openMetadataStore(lapseHome);
  const now = { at: Date.parse('2026-11-20T09:00:00.000Z') };
  const api = checkedApi(createLapseService({ keychain, store, now: () => now.at, userHome: home }));
  return { home, work, lapseHome, keychain, store, api, now, remove: () => removeTempDir(root) };
}

export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Write a file, making its folders. */
export function put(file: string, text: string | Buffer): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Run a scan to its end and return its result. */
export async function scan(api: LapseApi, input: StartScanInput): Promise<ScanResult> {
  const { scanId } = value(await api.startScan(input));
  for (;;) {
    const state = value(await api.getScan({ scanId, waitMs: 2000 }));
    if (state.state === 'running') continue;
    if (state.state !== 'done' || !state.result) throw new Error(`scan ended ${state.state}: ${state.error?.message}`);
    return state.result;
  }
}
