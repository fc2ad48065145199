import type { RotationApi } from '../../shared/contract/rotation-calls.js';
import { effectivePolicy } from '../../shared/policy.js';
import { fail, ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import { tokenNotFound } from '../not-found.js';
import { viewToken } from '../vault/token-view.js';
import { homeOf, rotationResult, type RotationCallParts } from './rotation-outcome.js';
import { beginJournal, stopPointFor } from './rotation-journal.js';
import { knownDead, refreshClosed, rotationOf } from './rotation-plan.js';
import { previousUnconfirmed, resumeUnfinished } from './rotation-preconditions.js';
import { rotationGuide } from './rotation-guide.js';

/** Rotate a token: in place where its provider rotates it (journalled), else the guide to rotate it by hand. */
export function rotateTokenCall(rc: RotationCallParts): RotationApi['rotateToken'] {
  const { parts, session, runner } = rc;
  const { store, now } = parts;
  return ({ id, expiresAt }) =>
    guarded(async () => {
      const resumed = await resumeUnfinished(rc, id);
      if (resumed) return resumed;
      const vault = await store.read();
      const record = vault.tokens[id];
      if (!record) return tokenNotFound(id);
      if (record.revokedAt)
        return fail('invalid-input', 'This token is revoked; add a new one instead of rotating it.');
      const inFlight = await previousUnconfirmed(parts, id);
      if (inFlight) return inFlight;
      const rotation = await rotationOf(parts, session, record);
      if (!rotation) {
        return ok({
          token: viewToken(record, now(), vault.policy),
          state: 'guided',
          kind: 'guided',
          message: 'Its provider has no rotation API: create the replacement, then give it to Lapse.',
          warnings: [],
          guide: rotationGuide(record, session),
        });
      }
      const plan = rotation.plan(record, effectivePolicy(vault.policy, record.policy), now());
      if (expiresAt && !plan.takesExpiry)
        return fail('invalid-input', `A ${rotation.method} takes no expiry date: the provider decides it.`);
      const dead = knownDead(record, rotation);
      if (dead) return fail('invalid-input', dead);
      // The refresh policy (refresh windows, recent verify for the same account): a refresh outside it is refused, with why.
      const closed = refreshClosed(record, rotation, vault.policy, now());
      if (closed) return fail('invalid-input', `Not refreshed: ${closed}`);
      // The expiry the plan showed, unless the person chose another (GitLab: always one, or GitLab.com gives a week).
      const asked = plan.takesExpiry ? (expiresAt ?? plan.expiresAt) : null;
      const journal = beginJournal(homeOf(parts), id, rotation.kind, asked, now());
      await stopPointFor('intent');
      return rotationResult(parts, id, 'automatic', await runner.run(journal, true));
    });
}
