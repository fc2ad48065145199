import { z } from 'zod';
import { storedTokenRecordSchema } from '../../shared/model.js';
import { policyOverrideSchema } from '../../shared/policy.js';
import { reportLabelSchema } from '../../shared/report/report-label.js';
import { reminderStateSchema } from './reminder-state.js';

/** The file format this Lapse reads and writes. A newer number is a newer Lapse's file: never touched. */
export const vaultFormatVersion = 1;

/** The metadata file's shape. Secrets are never in it: they live in the OS keychain. */
export const vaultFileSchema = z
  .object({
    version: z.literal(vaultFormatVersion),
    /** Which Lapse last wrote the file (its package version), so a refusal can name it. */
    writtenBy: z.string().max(40).optional(),
    tokens: z.record(z.string(), storedTokenRecordSchema),
    /** Overrides of the default policy, for every token. */
    policy: policyOverrideSchema.default({}),
    /** Reminder settings and what was sent; absent in files from before reminders. */
    reminders: reminderStateSchema.prefault({}),
    /** Recently deleted tokens by id: restorable (their keychain entries stay) until purged. */
    /** The machine and person label shared reports carry; absent until one is stored. */
    report: reportLabelSchema.optional(),
    deleted: z
      .record(z.string(), z.object({ record: storedTokenRecordSchema, deletedAt: z.iso.datetime({ offset: true }) }))
      .default({}),
  })
  // Sections a later 1.x Lapse adds survive this one's writes.
  .loose();
export type VaultFile = z.infer<typeof vaultFileSchema>;

// Parsed, so every defaulted section is there.
export const emptyVault = (): VaultFile => vaultFileSchema.parse({ version: vaultFormatVersion, tokens: {} });

/** What a metadata file's text is: a vault, a newer Lapse's vault (left alone), or not a Lapse vault at all. */
export type VaultReading =
  | { kind: 'vault'; vault: VaultFile }
  | { kind: 'newer'; version: number; writtenBy: string | null }
  | { kind: 'not-a-vault' };

/**
 * Reads a metadata file strictly. An empty file is a write that never finished; `{}`, `[]`, `null`
 * or any JSON without Lapse's version and tokens is not a vault (never "an empty vault": taking it
 * for one would overwrite the good backup at the next write).
 */
export function readVaultText(text: string): VaultReading {
  if (text.trim() === '') return { kind: 'not-a-vault' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'not-a-vault' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'not-a-vault' };
  const { version, writtenBy } = raw as Record<string, unknown>;
  if (typeof version === 'number' && Number.isInteger(version) && version > vaultFormatVersion) {
    return { kind: 'newer', version, writtenBy: typeof writtenBy === 'string' ? writtenBy.slice(0, 40) : null };
  }
  const parsed = vaultFileSchema.safeParse(raw);
  return parsed.success ? { kind: 'vault', vault: parsed.data } : { kind: 'not-a-vault' };
}

/** A parsed vault, or null when the text is not one this Lapse can use. */
export function parseVaultFile(text: string): VaultFile | null {
  const read = readVaultText(text);
  return read.kind === 'vault' ? read.vault : null;
}
