import { z } from 'zod';
import { tokenRecordSchema } from '../../shared/model.js';
import { policyOverrideSchema } from '../../shared/policy.js';
import { reportLabelSchema } from '../../shared/report/report-label.js';
import { reminderStateSchema } from '../reminders/reminder-state.js';

/** The metadata file's shape. Secrets are never in it: they live in the OS keychain. */
export const vaultFileSchema = z.object({
  version: z.literal(1),
  tokens: z.record(z.string(), tokenRecordSchema),
  /** Overrides of the default policy, for every token. */
  policy: policyOverrideSchema.default({}),
  /** Reminder settings and what was sent; absent in files from before reminders. */
  reminders: reminderStateSchema.prefault({}),
  /** The machine and person label shared reports carry; absent until one is stored. */
  report: reportLabelSchema.optional(),
});
export type VaultFile = z.infer<typeof vaultFileSchema>;

// Parsed, so every defaulted section is there.
export const emptyVault = (): VaultFile => vaultFileSchema.parse({ version: 1, tokens: {} });

/** A parsed file, an empty vault for an empty file, or null when the content is not a valid vault. */
export function parseVaultFile(text: string): VaultFile | null {
  // An empty file is a write that never finished, not an empty vault: treat it as corrupt.
  if (text.trim() === '') return null;
  try {
    const raw: unknown = JSON.parse(text);
    if (raw && typeof raw === 'object' && Object.keys(raw).length === 0) return emptyVault();
    const parsed = vaultFileSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
