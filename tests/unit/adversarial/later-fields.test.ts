// A vault written by a later 1.x Lapse: a token record with a field this Lapse does not know. The
// field is the later Lapse's data; this one must carry it through its own writes, and show none of it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vaultFileName } from '../../../electron/vault/metadata-store.js';
import { viewToken } from '../../../electron/vault/token-view.js';
import type { TokenRecord } from '../../../shared/model.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { announceKeychainSkip, inKeychainSession } from '../../helpers/keychain-session.js';
import { ownVaultEachTest } from '../../helpers/own-vault.js';
import { makeRecord } from '../../helpers/records.js';
import { cliOver } from './cli-rig.js';

announceKeychainSkip();

const vault = ownVaultEachTest('lapse-later-fields');
const lapse = cliOver(vault);
const later = { rotatesWith: 'ci-pipeline', schedule: { every: 'P30D' } };

const vaultFile = () => path.join(vault.home, vaultFileName);
const readVault = () =>
  JSON.parse(fs.readFileSync(vaultFile(), 'utf8')) as {
    tokens: Record<string, Record<string, unknown>>;
    deleted: Record<string, { record: Record<string, unknown> }>;
  };

describe.skipIf(!inKeychainSession)("a token record with a later Lapse's field", () => {
  it('keeps the field through an edit, a delete and a restore', async () => {
    const added = await lapse(['add', '--label', 'deploy', '--json'], `${fakeTokens.npm()}\n`);
    expect(added.code).toBe(0);
    const { id } = JSON.parse(added.stdout) as { id: string };
    const file = readVault();
    file.tokens[id] = { ...file.tokens[id], laterField: later };
    fs.writeFileSync(vaultFile(), JSON.stringify(file));

    expect((await lapse(['edit', id, '--label', 'deploy key'])).code).toBe(0);
    expect(readVault().tokens[id]).toMatchObject({ label: 'deploy key', laterField: later });

    expect((await lapse(['rm', id, '--yes'])).code).toBe(0);
    expect(readVault().deleted[id]?.record).toMatchObject({ laterField: later });
    expect((await lapse(['restore', id])).code).toBe(0);
    expect(readVault().tokens[id]).toMatchObject({ label: 'deploy key', laterField: later });
  });

  it('shows none of it: not in list or show, not in the view every face gets', async () => {
    const added = await lapse(['add', '--label', 'deploy', '--json'], `${fakeTokens.npm()}\n`);
    const { id } = JSON.parse(added.stdout) as { id: string };
    const file = readVault();
    file.tokens[id] = { ...file.tokens[id], laterField: later };
    fs.writeFileSync(vaultFile(), JSON.stringify(file));
    for (const args of [['list', '--json'], ['show', id, '--json'], ['list']]) {
      const shown = await lapse(args);
      expect(shown.code, args.join(' ')).toBe(0);
      expect(shown.stdout, args.join(' ')).not.toContain('ci-pipeline');
    }
    const record = { ...makeRecord(), laterField: later } as TokenRecord;
    expect(viewToken(record, Date.now(), {})).not.toHaveProperty('laterField');
  });
});
