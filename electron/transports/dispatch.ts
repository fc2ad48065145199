import { apiSpec, type ApiMethod, type LapseApi } from '../../shared/api.js';
import { fail, type Result } from '../../shared/result.js';
import { describeIssues, failureOf } from '../failure.js';

const isMethod = (name: unknown): name is ApiMethod => typeof name === 'string' && Object.hasOwn(apiSpec, name);

/**
 * One call from any transport: the method name and argument arrive as unknown, are checked
 * against the contract, and the answer is always a Result (never a throw, never a stack).
 */
export async function dispatch(api: LapseApi, method: unknown, arg: unknown): Promise<Result<unknown>> {
  if (!isMethod(method)) return fail('invalid-input', 'Unknown call: this version of Lapse has no such operation.');
  const parsed = apiSpec[method].input.safeParse(arg ?? {});
  if (!parsed.success) return fail('invalid-input', describeIssues(parsed.error));
  try {
    const call = api[method] as (input: unknown) => Promise<Result<unknown>>;
    return await call.call(api, parsed.data);
  } catch (error) {
    return { ok: false, error: failureOf(error) };
  }
}

/**
 * The service seen through the contract: every call parsed like a transport parses it. The CLI
 * uses this, so a direct caller gets the same checks as IPC and HTTP.
 */
export function checkedApi(api: LapseApi): LapseApi {
  return new Proxy(api, {
    // Not a thenable: `then` and symbols are not calls.
    get: (target, method) =>
      typeof method === 'string' && method !== 'then' ? (arg: unknown) => dispatch(target, method, arg) : undefined,
  });
}
