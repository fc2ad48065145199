import { z } from 'zod';
import { tokenRecordSchema } from '../../shared/model.js';
import { policyOverrideSchema } from '../../shared/policy.js';

/** The metadata file's shape. Secrets are never in it: they live in the OS keychain. */
export const vaultFileSchema = z.object({
  version: z.literal(1),
  tokens: z.record(z.string(), tokenRecordSchema),
  /** Overrides of the default policy, for every token. */
  policy: policyOverrideSchema.default({}),
});
export type VaultFile = z.infer<typeof vaultFileSchema>;

export const emptyVault = (): VaultFile => ({ version: 1, tokens: {}, policy: {} });

/** A parsed file, an empty vault for an empty file, or null when the content is not a valid vault. */
export function parseVaultFile(text: string): VaultFile | null {
  if (text.trim() === '') return emptyVault();
  try {
    const raw: unknown = JSON.parse(text);
    if (raw && typeof raw === 'object' && Object.keys(raw).length === 0) return emptyVault();
    const parsed = vaultFileSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
