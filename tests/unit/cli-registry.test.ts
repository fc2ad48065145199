import { describe, expect, it } from 'vitest';
import { commands } from '../../electron/cli/commands/index.js';

describe('the command registry', () => {
  it('lists each command once, with the summary its own module gives (the overview shows it without loading the module)', async () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    for (const entry of commands) {
      const command = await entry.load();
      expect({ name: command.name, summary: command.summary }).toEqual({ name: entry.name, summary: entry.summary });
    }
  });
});

describe('readers that skip the schemas', () => {
  it('an empty vault without zod is what validating an empty vault gives', async () => {
    const { emptyVaultFile } = await import('../../electron/vault/empty-vault.js');
    const { emptyVault } = await import('../../electron/vault/vault-file.js');
    expect(emptyVaultFile()).toEqual(emptyVault());
  });
});
