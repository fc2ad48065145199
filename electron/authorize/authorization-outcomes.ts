import type { AuthorizationOutcome } from '../../shared/contract/authorize-calls.js';
import { redact } from '../redact.js';

/** An authorization that ended without a token: what happened, with no secret in it. */
export const failedAuthorization = (message: string): AuthorizationOutcome => ({
  state: 'failed',
  token: null,
  message: redact(message),
  notes: [],
});

/** A flow's work settled: its outcome, or the failure its throw describes. */
export const settledFlow = (work: () => Promise<AuthorizationOutcome>): Promise<AuthorizationOutcome> =>
  work().catch((error: unknown) => failedAuthorization(error instanceof Error ? error.message : String(error)));

/** The flow's outcome if it comes within `waitMs`, else "waiting" (the person has not approved yet). */
export async function outcomeWithin(
  outcome: Promise<AuthorizationOutcome>,
  waitMs: number,
): Promise<AuthorizationOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const waiting = new Promise<AuthorizationOutcome>((resolveWait) => {
    timer = setTimeout(
      () =>
        resolveWait({
          state: 'waiting',
          token: null,
          message: 'Waiting for the person to approve at the issuer.',
          notes: [],
        }),
      waitMs,
    );
  });
  try {
    return await Promise.race([outcome, waiting]);
  } finally {
    clearTimeout(timer);
  }
}
