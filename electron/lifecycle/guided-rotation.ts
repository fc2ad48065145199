import type { RotationApi } from '../../shared/contract/rotation-calls.js';
import { detectToken, maskSecret } from '../../shared/formats.js';
import { scopeWidenedFindings } from '../../shared/lifecycle.js';
import { fail } from '../../shared/result.js';
import { secretProblem } from '../../shared/secret-rules.js';
import { guarded } from '../guarded.js';
import { tokenNotFound } from '../not-found.js';
import { rememberSecret } from '../redact.js';
import { slotOf } from '../vault/token-slots.js';
import { homeOf, rotationResult, type RotationCallParts } from './rotation-outcome.js';
import { advanceJournal, beginJournal, stopPointFor } from './rotation-journal.js';
import { previousUnconfirmed, resumeUnfinished } from './rotation-preconditions.js';

/** A rotation by hand ends here: the new value the person created, kept, verified, made current; the old one revoked. */
export function completeGuidedRotationCall(rc: RotationCallParts): RotationApi['completeGuidedRotation'] {
  const { parts, runner } = rc;
  const { keychain, store, now } = parts;
  return ({ id, secret }) =>
    guarded(async () => {
      const problem = secretProblem(secret);
      if (problem) return fail('invalid-input', `The new token ${problem}.`);
      rememberSecret(secret);
      const record = (await store.read()).tokens[id];
      if (!record) return tokenNotFound(id);
      if (record.revokedAt) return fail('invalid-input', 'This token is revoked; add the new one as a new token.');
      // A stalled rotation first: this value is taken only if that one ended with nothing changed.
      const resumed = await resumeUnfinished(rc, id);
      if (resumed) return resumed;
      const inFlight = await previousUnconfirmed(parts, id);
      if (inFlight) return inFlight;
      if ((await keychain.get(id)) === secret)
        return fail('invalid-input', 'That is the value Lapse already holds: create a new token.');
      // Live at the provider already: kept before the journal, so the resume carries any crash from here to the end (docs/SECURITY.md, 'Rotation survives a crash').
      await keychain.set(slotOf.pending(id), secret);
      const detected = detectToken(secret);
      const pendingMasked = maskSecret(
        secret,
        detected && detected.provider === record.provider ? detected.prefix : '',
      );
      let journal = beginJournal(homeOf(parts), id, 'guided', null, now(), pendingMasked);
      await stopPointFor('intent');
      journal = advanceJournal(homeOf(parts), journal, 'pending-stored', now());
      await stopPointFor('pending-stored');
      const end = await runner.run(journal, true);
      const after = (await store.read()).tokens[id];
      // The rule the token's own findings use: scopes the new value holds beyond the old one's, undeclared.
      return rotationResult(parts, id, 'guided', end, after ? scopeWidenedFindings(after) : []);
    });
}
