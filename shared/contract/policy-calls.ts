import { z } from 'zod';
import { policyKeys, policyOverrideSchema, policySchema } from '../policy.js';
import { noArgument, type CallOf } from './call.js';

/** The policy in force: the defaults, the vault's overrides, and the two combined. */
export const policyStateSchema = z.object({
  defaults: policySchema,
  overrides: policyOverrideSchema,
  effective: policySchema,
});

/** The rules every token is judged by. */
export const policyCalls = {
  getPolicy: { input: noArgument, output: policyStateSchema },
  setPolicy: {
    input: z.object({ changes: policyOverrideSchema, reset: z.array(z.enum(policyKeys)).optional() }).strict(),
    output: policyStateSchema,
  },
} as const;

type Calls = typeof policyCalls;

export interface PolicyApi {
  /** The policy every token is judged by (defaults plus the vault's overrides). */
  getPolicy: CallOf<Calls['getPolicy']>;
  /** Override policy values for every token (`changes`), or return keys to their defaults (`reset`). */
  setPolicy: CallOf<Calls['setPolicy']>;
}
