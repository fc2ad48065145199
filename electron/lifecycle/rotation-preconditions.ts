import type { RotationResult } from '../../shared/contract/rotation-calls.js';
import { fail, type Result } from '../../shared/result.js';
import type { ServiceParts } from '../service-parts.js';
import { slotOf } from '../vault/token-slots.js';
import { homeOf, rotationResult, type RotationCallParts } from './rotation-outcome.js';
import { unfinishedJournals } from './rotation-journal.js';

/**
 * Carry this token's unfinished rotation (one that stalled on a fault) as far as it goes now, and
 * say where it ended; null when there is none, or it ended with nothing changed (room for a new one).
 */
export async function resumeUnfinished(
  { parts, runner }: RotationCallParts,
  id: string,
): Promise<Result<RotationResult> | null> {
  const [journal] = unfinishedJournals(homeOf(parts), id);
  if (!journal) return null;
  const end = await runner.run(journal, false);
  if (end.end === 'abandoned') return null;
  return rotationResult(parts, id, journal.kind === 'guided' ? 'guided' : 'automatic', {
    ...end,
    message: `Lapse carried on this token's unfinished rotation first. ${end.message}`,
  });
}

/** A refusal while the value this token last replaced may still be live, else null. */
export async function previousUnconfirmed(
  { store, keychain }: ServiceParts,
  id: string,
): Promise<Result<never> | null> {
  const revocation = (await store.read()).tokens[id]?.revocation;
  // Another rotation would overwrite #previous, and Lapse would forget a value that may still be live.
  if (
    revocation?.target === 'previous' &&
    !revocation.confirmedAt &&
    (await keychain.get(slotOf.previous(id))) !== null
  ) {
    return fail(
      'invalid-input',
      'The value this token last replaced is not confirmed revoked yet. Revoke it first (where Lapse cannot verify its provider, revoke it by hand and confirm that you did), then rotate again.',
    );
  }
  return null;
}
