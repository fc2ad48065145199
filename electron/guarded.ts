import type { Result } from '../shared/result.js';
import { failureOf } from './failure.js';

/** Runs a call body so that whatever it throws becomes a failed Result with a redacted message. */
export async function guarded<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await work();
  } catch (error) {
    return { ok: false, error: failureOf(error) };
  }
}
