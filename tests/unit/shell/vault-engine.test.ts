import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { electronStoreEngine } from '../../../electron/shell/vault-engine.js';
import { openMetadataStore, vaultFileName } from '../../../electron/vault/metadata-store.js';

// electron-store needs the Electron runtime, so this stands in with exactly what electron-store 11
// does to its options before handing them to conf (node_modules/electron-store/index.js).
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  class ElectronStore extends Conf {
    constructor(given: Record<string, unknown>) {
      const options: Record<string, unknown> = { name: 'config', ...given };
      options['configName'] = options['name'];
      delete options['name'];
      super(options);
    }
  }
  return { default: ElectronStore };
});

let home: string | undefined;
afterEach(() => {
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

describe('the metadata store inside Electron', () => {
  it("writes the same vault.json the CLI reads, not electron-store's default config.json", async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'lapse-engine-'));
    const store = openMetadataStore(home, electronStoreEngine);
    await store.update((vault) => {
      vault.tokens = {};
    });
    expect(fs.readdirSync(home)).toContain(vaultFileName);
    expect(fs.readdirSync(home)).not.toContain('config.json');
    expect(store.path).toBe(path.join(home, vaultFileName));
  });
});
