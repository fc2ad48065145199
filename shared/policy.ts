import { z } from 'zod';
import { parseRefreshDays, parseRefreshHours } from './refresh-window.js';
import { severities, type Severity } from './severity.js';

const wholeDays = (max: number) =>
  z
    .number({ error: `must be a whole number of days from 1 to ${max}` })
    .int(`must be a whole number of days from 1 to ${max}`)
    .min(1, `must be a whole number of days from 1 to ${max}`)
    .max(max, `must be a whole number of days from 1 to ${max}`);

/** A parsed `refreshHours`: `any`, or a span; anything else is the sentence saying what is wrong. */
const validHours = (hours: ReturnType<typeof parseRefreshHours>) => hours === 'any' || typeof hours !== 'string';

/** Scopes a provider's tokens must never hold, by provider id (e.g. `{ "github": ["admin:org"] }`). */
export const forbiddenScopesSchema = z.record(
  z.string().regex(/^[a-z0-9]{1,40}$/, 'must be a provider id such as github'),
  z.array(z.string().trim().min(1).max(100)).max(64),
);
export type ForbiddenScopes = z.infer<typeof forbiddenScopesSchema>;

/** The rules a token is judged by. Days are whole days. */
export const policySchema = z.object({
  /** An expiry this close is a warning. */
  warningDays: wholeDays(365),
  /** expiresAt − createdAt beyond this is a warning: a nominal timeout is not protection. */
  maxLifetimeDays: wholeDays(3650),
  /** Rotate at least this often. */
  rotationDays: wholeDays(3650),
  /** Verify at least this often. */
  unverifiedDays: wholeDays(3650),
  /** The provider reporting no use for this long is worth a look. */
  unusedDays: wholeDays(3650),
  /** When false, a token that never expires is not a finding. */
  requireExpiry: z.boolean({ error: 'must be true or false' }),
  /** A token holding (granted or declared) one of these scopes is out of scope. */
  forbiddenScopes: forbiddenScopesSchema,
  /** `lapse check` fails at findings of this severity or worse. */
  threshold: z.enum(severities, { error: 'must be critical, warning or info' }),
  /** Days (UTC) Lapse may refresh a token on: `any`, or e.g. `mon-fri`. */
  refreshDays: z
    .string()
    .max(60)
    .refine((v) => typeof parseRefreshDays(v) !== 'string', { error: 'takes any, or days as mon-fri or mon,wed,fri' }),
  /** Hours (UTC) Lapse may refresh a token in: `any`, or e.g. `08:00-20:00`. */
  refreshHours: z
    .string()
    .max(20)
    .refine((v) => validHours(parseRefreshHours(v)), { error: 'takes any, or UTC hours as HH:MM-HH:MM' }),
  /** 0: off; else refresh only if verified within this many days for its own account. */
  refreshTrustDays: z
    .number({ error: 'must be a whole number of days from 0 to 3650' })
    .int('must be a whole number of days from 0 to 3650')
    .min(0, 'must be a whole number of days from 0 to 3650')
    .max(3650, 'must be a whole number of days from 0 to 3650'),
});
export type Policy = z.infer<typeof policySchema>;

/** Overrides, for all tokens (the vault's policy) or for one token. */
export const policyOverrideSchema = policySchema.partial().strict();
export type PolicyOverride = z.infer<typeof policyOverrideSchema>;

export { defaultPolicy, effectivePolicy } from './policy-defaults.js';

export type PolicyKey = keyof Policy;
/** The keys `lapse policy set` takes: one scalar value each (forbiddenScopes comes from a policy file). */
export const policyKeys = [
  'warningDays',
  'maxLifetimeDays',
  'rotationDays',
  'unverifiedDays',
  'unusedDays',
  'requireExpiry',
  'threshold',
  'refreshDays',
  'refreshHours',
  'refreshTrustDays',
] as const satisfies readonly PolicyKey[];
export type ScalarPolicyKey = (typeof policyKeys)[number];

/** What each key means, for `lapse policy show` and the settings view. */
export const policyDescriptions: Record<PolicyKey, string> = {
  warningDays: 'days before expiry a token counts as expiring',
  maxLifetimeDays: 'longest allowed span from creation to expiry, in days',
  rotationDays: 'rotate at least every this many days',
  unverifiedDays: 'verify with the provider at least every this many days',
  unusedDays: 'flag a token the provider reports unused for this many days',
  requireExpiry: 'true: a token that never expires is a finding; false: it is not',
  forbiddenScopes: 'scopes each provider\'s tokens must never hold, e.g. {"github": ["admin:org"]}',
  threshold: 'lapse check fails at findings of this severity or worse (critical, warning, info)',
  refreshDays: 'days (UTC) Lapse may refresh OAuth and Slack tokens on: any, or e.g. mon-fri',
  refreshHours: 'hours (UTC) Lapse may refresh them in: any, or e.g. 08:00-20:00',
  refreshTrustDays: 'refresh only if a verify within this many days found the token valid for its own account (0: off)',
};

/** A typed value for `lapse policy set KEY VALUE`, or a sentence saying what is accepted. */
export function parsePolicyValue(
  key: string,
  text: string,
): { key: ScalarPolicyKey; value: number | Severity | boolean | string } | { problem: string } {
  if (!(policyKeys as readonly string[]).includes(key))
    return { problem: `Unknown policy key "${key}". Keys: ${policyKeys.join(', ')}.` };
  const k = key as ScalarPolicyKey;
  if (k === 'requireExpiry') {
    return text === 'true' || text === 'false'
      ? { key: k, value: text === 'true' }
      : { problem: 'requireExpiry takes true or false.' };
  }
  if (k === 'refreshDays' || k === 'refreshHours') {
    const parsed = policySchema.shape[k].safeParse(text.trim().toLowerCase());
    return parsed.success
      ? { key: k, value: parsed.data }
      : { problem: `${k} ${parsed.error.issues[0]?.message ?? 'is not valid'}.` };
  }
  const candidate = k === 'threshold' ? text : Number(text);
  const parsed = policySchema.shape[k].safeParse(candidate);
  if (!parsed.success) {
    return {
      problem:
        k === 'threshold'
          ? 'threshold takes critical, warning or info.'
          : k === 'refreshTrustDays'
            ? 'refreshTrustDays takes a whole number of days (0 turns it off).'
            : `${k} takes a whole number of days (1 or more).`,
    };
  }
  return { key: k, value: parsed.data };
}
