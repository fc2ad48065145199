import { z } from 'zod';
import { providerIds } from '../model.js';
import {
  forbiddenScopesSchema,
  policyDescriptions,
  policySchema,
  type PolicyKey,
  type PolicyOverride,
} from '../policy.js';

type Shape = typeof policySchema.shape;
const setting = <K extends Exclude<PolicyKey, 'forbiddenScopes'>>(key: K) =>
  (policySchema.shape[key] as Shape[K]).meta({ description: policyDescriptions[key] }).optional() as z.ZodOptional<
    Shape[K]
  >;

/**
 * A team's policy file (`lapse check --policy FILE`): any of the policy's settings, nothing else.
 * Provider names are checked here, where a person types them, so a typo is an error, not a no-op.
 */
export const policyFileSchema = z
  .object({
    $schema: z.string().optional().meta({ description: 'Where editors find this schema; Lapse ignores it.' }),
    maxLifetimeDays: setting('maxLifetimeDays'),
    requireExpiry: setting('requireExpiry'),
    rotationDays: setting('rotationDays'),
    unverifiedDays: setting('unverifiedDays'),
    unusedDays: setting('unusedDays'),
    warningDays: setting('warningDays'),
    forbiddenScopes: z.partialRecord(z.enum(providerIds), forbiddenScopesSchema.valueType).optional().meta({
      description:
        'Scopes each provider\'s tokens must never hold, granted or declared, e.g. {"github": ["admin:org", "delete_repo"]}.',
    }),
    threshold: setting('threshold'),
    refreshDays: setting('refreshDays'),
    refreshHours: setting('refreshHours'),
    refreshTrustDays: setting('refreshTrustDays'),
  })
  .strict()
  .meta({
    title: 'Lapse policy file',
    description:
      "Overrides of the vault's policy for one `lapse check` or `lapse report` run. Every setting is optional.",
  });
export type PolicyFile = z.infer<typeof policyFileSchema>;

/** The overrides a parsed policy file makes. */
export function policyOverrideOf(file: PolicyFile): PolicyOverride {
  const { $schema: _ignored, forbiddenScopes, ...settings } = file;
  const out: PolicyOverride = { ...settings };
  if (forbiddenScopes) {
    out.forbiddenScopes = Object.fromEntries(
      Object.entries(forbiddenScopes).filter((e): e is [string, string[]] => Array.isArray(e[1])),
    );
  }
  return out;
}
