import type { ServiceParts } from '../service-parts.js';
import { slotOf } from '../vault/token-slots.js';
import { holdJournal } from './journal-lock.js';
import type { ProviderSession } from '../providers/provider-session.js';
import { rotationContext, type RotationContext, type RunEnd, type StepResult } from './rotation-context.js';
import { abandon } from './rotation-ends.js';
import { issue } from './rotation-issue.js';
import { noteStall, readJournals, type RotationJournal } from './rotation-journal.js';
import { promote } from './rotation-promote.js';
import { retireOld } from './rotation-retire.js';
import { endText } from './rotation-text.js';
import { verifyPending } from './rotation-verify.js';

export type { RunEnd } from './rotation-context.js';
/** The keychain slots a rotation uses (named in vault/token-slots.ts with every other slot of a token). */
export { slotOf };

export interface RotationRunner {
  /** Carry a journal from its last recorded step as far as it can go. `fresh`: started just now, not resumed. */
  run(journal: RotationJournal, fresh: boolean): Promise<RunEnd>;
}

/** The end a finished journal reads as. */
const endOf = (j: RotationJournal): RunEnd => ({
  end: j.outcome === 'reauthorize' ? 'reauthorize' : j.outcome === 'abandoned' ? 'abandoned' : 'finished',
  message: endText.finished,
});

/** One step from where the journal is: each step is its own module (docs/ARCHITECTURE.md, 'Rotation in one paragraph'). */
async function stepFrom(ctx: RotationContext, j: RotationJournal, fresh: boolean): Promise<StepResult> {
  const r = await ctx.record(j.tokenId);
  if (!r) {
    // Deleted mid-rotation: none of its values has a record left to belong to.
    await ctx.parts.keychain.delete(slotOf.previous(j.tokenId));
    return abandon(ctx, j, endText.tokenGone);
  }
  switch (j.step) {
    case 'intent':
      return issue(ctx, j, r, fresh);
    case 'pending-stored':
      return verifyPending(ctx, j, r);
    case 'verified':
      return promote(ctx, j, r);
    case 'promoted':
      return retireOld(ctx, j, r);
    case 'old-revoked':
      await ctx.parts.keychain.delete(slotOf.previous(r.id));
      return ctx.step(j, 'previous-deleted');
    case 'previous-deleted':
      return ctx.step(j, 'finished', 'done');
    case 'finished':
      return endOf(j);
  }
}

/** Carries rotation journals forward, one process at a time per journal (docs/SECURITY.md, 'Rotation survives a crash'). */
export function rotationRunner(parts: ServiceParts, session: ProviderSession): RotationRunner {
  const ctx = rotationContext(parts, session);

  async function carry(start: RotationJournal, fresh: boolean): Promise<RunEnd> {
    let j = start;
    for (;;) {
      const next = await stepFrom(ctx, j, fresh);
      if ('end' in next) return next;
      j = next;
    }
  }

  async function run(start: RotationJournal, fresh: boolean): Promise<RunEnd> {
    const release = holdJournal(ctx.home, start.rotationId);
    if (!release) return { end: 'stalled', message: endText.anotherLapse };
    try {
      // As on disk now: another process may have carried it on since the caller read it.
      const end = await carry(readJournals(ctx.home).find((j) => j.rotationId === start.rotationId) ?? start, fresh);
      // Paused, not failed: the journal, the log and every face say so until it is resumed or discarded.
      if (end.end === 'stalled' && noteStall(ctx.home, start.rotationId, end.message, parts.now())) {
        const r = await ctx.record(start.tokenId);
        if (r) ctx.audit(r, 'rotated', endText.paused(r.id, start.pendingMasked, start.kind === 'guided', end.message));
      }
      return end;
    } finally {
      release();
    }
  }

  return { run };
}
