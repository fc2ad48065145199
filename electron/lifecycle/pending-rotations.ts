import type { RotationApi } from '../../shared/contract/rotation-calls.js';
import { fail, ok } from '../../shared/result.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import { tokenNotFound } from '../not-found.js';
import { redact } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { pendingSlotsOf } from '../vault/token-slots.js';
import { viewToken } from '../vault/token-view.js';
import { holdJournal } from './journal-lock.js';
import { homeOf } from './rotation-outcome.js';
import { advanceJournal, unfinishedJournals, type RotationJournal } from './rotation-journal.js';
import { endText } from './rotation-text.js';

/** A guided rotation whose new value is not current yet can be dropped; an automatic one cannot (the provider may have acted). */
const discardable = (j: RotationJournal) =>
  j.kind === 'guided' && ['intent', 'pending-stored', 'verified'].includes(j.step);

/** Rotations in progress: listed, and (a guided one whose new value is not current yet) discarded. */
export function pendingRotationCalls(
  parts: ServiceParts,
): Pick<RotationApi, 'listPendingRotations' | 'discardRotation'> {
  const { keychain, store, now } = parts;
  return {
    listPendingRotations: ({ id }) =>
      guarded(async () => {
        const tokens = (await store.read()).tokens;
        const rotations = unfinishedJournals(homeOf(parts), id)
          .filter((j) => tokens[j.tokenId])
          .map((j) => ({
            tokenId: j.tokenId,
            rotationId: j.rotationId,
            kind: j.kind === 'guided' ? ('guided' as const) : ('automatic' as const),
            step: j.step,
            startedAt: j.history[0]?.at ?? '',
            newMasked: j.pendingMasked,
            reason: j.stall ? redact(j.stall.message) : null,
            canDiscard: discardable(j),
          }));
        return ok({ rotations });
      }),

    discardRotation: ({ id }) =>
      guarded(async () => {
        const record = (await store.read()).tokens[id];
        if (!record) return tokenNotFound(id);
        const [journal] = unfinishedJournals(homeOf(parts), id);
        if (!journal) return fail('not-found', `"${record.label}" has no rotation in progress.`);
        if (!discardable(journal)) {
          return fail(
            'invalid-input',
            journal.kind === 'guided'
              ? 'The new value is already current: the rotation can only be carried on (rotate again).'
              : 'An automatic rotation cannot be dropped: its provider may have replaced the value already, so Lapse must find out first. Rotate again once the provider answers.',
          );
        }
        const release = holdJournal(homeOf(parts), journal.rotationId);
        if (!release) return fail('invalid-input', endText.anotherLapse);
        try {
          for (const account of pendingSlotsOf(id)) await keychain.delete(account);
          advanceJournal(homeOf(parts), journal, 'finished', now(), 'abandoned');
        } finally {
          release();
        }
        const dropped = journal.pendingMasked ? `the new value ${journal.pendingMasked}` : 'the new value';
        const message = `Rotation discarded: ${dropped} left the keychain and ${record.masked} stays current. If you created that new token at the provider, revoke it there.`;
        recordAudit(store, { event: 'rotated', tokenId: id, label: record.label, detail: message, at: now() });
        const vault = await store.read();
        const after = vault.tokens[id];
        return after ? ok({ token: viewToken(after, now(), vault.policy), message }) : tokenNotFound(id);
      }),
  };
}
