import type { LapseApi } from '../../shared/api.js';
import type { RotationApi } from '../../shared/contract/rotation-calls.js';
import { ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import { tokenNotFound } from '../not-found.js';
import { sessionFor, type ProviderCallOptions, type ProviderSession } from '../providers/provider-session.js';
import type { ServiceParts } from '../service-parts.js';
import { sweepInterruptedAdds } from '../vault/add-intents.js';
import { completeGuidedRotationCall } from './guided-rotation.js';
import { pendingRotationCalls } from './pending-rotations.js';
import { rotateTokenCall } from './rotate-token.js';
import { rotationGuide } from './rotation-guide.js';
import { unfinishedJournals } from './rotation-journal.js';
import { homeOf } from './rotation-outcome.js';
import { rotationPlan } from './rotation-plan.js';
import { rotationRunner } from './rotation-run.js';

/** Resume every unfinished rotation journal (crash safety); call once when a service starts. Never throws. */
export async function resumeRotations(
  parts: ServiceParts,
  options: ProviderCallOptions | ProviderSession = {},
): Promise<void> {
  // Adds cut off between the keychain and the vault first: their orphan entries go.
  await sweepInterruptedAdds(parts.store, parts.keychain);
  const runner = rotationRunner(parts, sessionFor(parts, options));
  for (const journal of unfinishedJournals(homeOf(parts))) {
    try {
      await runner.run(journal, false);
    } catch {
      // A keychain or store that cannot answer now: the journal stays, and the next start tries again.
    }
  }
}

/** Every call waits for `resumed` first, so nothing reads a token mid-recovery. */
export function afterResume(api: LapseApi, resumed: Promise<void>): LapseApi {
  return Object.fromEntries(
    Object.entries(api).map(([name, call]) => [
      name,
      async (arg: unknown) => (await resumed, (call as (a: unknown) => unknown)(arg)),
    ]),
  ) as unknown as LapseApi;
}

/** Rotation: automatic where the provider rotates in place, guided elsewhere; journalled either way. */
export function rotationCalls(parts: ServiceParts, options: ProviderCallOptions | ProviderSession = {}): RotationApi {
  const { store } = parts;
  const session = sessionFor(parts, options);
  const rc = { parts, session, runner: rotationRunner(parts, session) };
  return {
    planRotation: ({ id }) =>
      guarded(async () => {
        const vault = await store.read();
        const record = vault.tokens[id];
        if (!record) return tokenNotFound(id);
        return ok(await rotationPlan(parts, session, record, vault.policy));
      }),

    rotateToken: rotateTokenCall(rc),

    startGuidedRotation: ({ id }) =>
      guarded(async () => {
        const record = (await store.read()).tokens[id];
        if (!record) return tokenNotFound(id);
        return ok(rotationGuide(record, session));
      }),

    completeGuidedRotation: completeGuidedRotationCall(rc),
    ...pendingRotationCalls(parts),
  };
}
