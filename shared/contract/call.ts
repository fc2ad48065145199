import { z } from 'zod';
import type { Result } from '../result.js';

/** One call of the contract: the schema of its argument and of its result. */
export interface CallSpec {
  input: z.ZodType;
  output: z.ZodType;
}

/** The function type of a call: parsed argument in, Result out, never a throw. */
export type CallOf<S extends CallSpec> = (arg: z.input<S['input']>) => Promise<Result<z.output<S['output']>>>;

/**
 * A token id. Never the name of an Object.prototype member ("constructor" fits the pattern):
 * looked up in a plain object, it would find a function instead of "no such token".
 */
export const tokenIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{8,64}$/, 'is not a token id')
  .refine((id) => !(id in Object.prototype), 'is not a token id');
export const isoInstantSchema = z.iso.datetime({ offset: true });
/** The argument of calls that take none. */
export const noArgument = z.object({}).strict();
