import type { TokenRecord } from '../../shared/model.js';
import { RefreshOutcomeUnknown, RefreshRefused } from '../providers/oauth/refresh.js';
import type { VerifyContext } from '../providers/provider.js';
import { RotationRefused, type Issued, type RotationCapability } from '../providers/rotation.js';
import { TransientFault } from '../providers/transient-fault.js';
import { rememberSecret } from '../redact.js';
import { companionAccount, slotOf } from '../vault/token-slots.js';
import { abandon, markReauthorize } from './rotation-ends.js';
import type { RotationContext, StepResult } from './rotation-context.js';
import { stopPointFor, type RotationJournal } from './rotation-journal.js';
import { issueText } from './rotation-text.js';

/** The answer is the only copy of the new value: into the keychain before anything else. */
async function keep(
  ctx: RotationContext,
  j: RotationJournal,
  r: TokenRecord,
  issued: Issued,
): Promise<RotationJournal> {
  const { keychain } = ctx.parts;
  if (issued.refreshToken) await keychain.set(slotOf.pendingRefresh(r.id), issued.refreshToken);
  await keychain.set(slotOf.pending(r.id), issued.secret);
  return ctx.step(j, 'pending-stored');
}

/**
 * The rotation call may have happened, but its answer is not here: find out from the old value
 * whether it did (a dead verdict says so), without ever sending the rotate call again.
 */
async function unknownOutcome(
  ctx: RotationContext,
  j: RotationJournal,
  r: TokenRecord,
  current: string,
  rotation: RotationCapability | null,
  provider: VerifyContext,
  why: string,
): Promise<StepResult> {
  if (!rotation) return abandon(ctx, j, issueText.nothingRotated(why));
  const away = await rotation
    .rotatedWhileAway(provider, async () => {
      // Only a dead verdict says the rotation happened; an answer that shows neither waits like a fault.
      const c = await ctx.session.checkRevoked(r, current);
      if (c.verdict === 'cannot-tell') throw new TransientFault(c.message);
      return c.verdict === 'dead' ? 'rejected' : 'valid';
    })
    .catch((error: unknown) => {
      if (error instanceof TransientFault) return null;
      throw error;
    });
  if (away === null) return { end: 'stalled', message: issueText.cannotTellYet(why) };
  // Finding out rotated it just now (Slack): kept like any rotate answer.
  if (typeof away === 'object') return keep(ctx, j, r, away);
  return away ? markReauthorize(ctx, j, r, rotation.lostMessage(r.id)) : abandon(ctx, j, issueText.oldStillWorks(why));
}

/** Stopped between the answer's two keychain writes: the new refresh token is kept (the old one is spent), the new access token is not. */
async function keepOrphanRefresh(ctx: RotationContext, j: RotationJournal, r: TokenRecord): Promise<StepResult | null> {
  const { keychain } = ctx.parts;
  const orphanRefresh = await keychain.get(slotOf.pendingRefresh(r.id));
  if (orphanRefresh === null) return null;
  rememberSecret(orphanRefresh);
  await keychain.set(companionAccount(r.id, 'refresh'), orphanRefresh);
  await keychain.delete(slotOf.pendingRefresh(r.id));
  return abandon(ctx, j, issueText.refreshKeptAccessLost);
}

/** intent → pending-stored: the one provider call of an in-place rotation, its answer saved at once. */
export async function issue(
  ctx: RotationContext,
  j: RotationJournal,
  r: TokenRecord,
  fresh: boolean,
): Promise<StepResult> {
  const { keychain } = ctx.parts;
  if ((await keychain.get(slotOf.pending(r.id))) !== null) return ctx.step(j, 'pending-stored');
  const orphan = await keepOrphanRefresh(ctx, j, r);
  if (orphan) return orphan;
  const current = await keychain.get(r.id);
  if (current === null) return abandon(ctx, j, issueText.nothingToRotate);
  rememberSecret(current);
  const provider = ctx.session.contextFor(r, current);
  const rotation = ctx.rotationOf(j, r);
  if (!rotation && j.kind !== 'guided') return abandon(ctx, j, issueText.noLongerOffered(r.provider, j.kind));
  if (j.kind === 'guided') return abandon(ctx, j, issueText.neverStored);
  if (!fresh) return unknownOutcome(ctx, j, r, current, rotation, provider, issueText.answerNeverKept);
  if (!rotation) return abandon(ctx, j, issueText.neverStored);
  let issued: Issued;
  try {
    issued = await rotation.rotate(provider, j.expiresAt);
  } catch (error) {
    if (error instanceof RotationRefused || error instanceof RefreshRefused) return abandon(ctx, j, error.message);
    // Turned away for its rate limit (429, or not sent inside a window): the provider did not act on it.
    if (error instanceof TransientFault && error.rateLimited)
      return abandon(ctx, j, issueText.rateLimited(error.message));
    if (error instanceof TransientFault)
      return unknownOutcome(
        ctx,
        j,
        r,
        current,
        rotation,
        provider,
        issueText.noUsableAnswer(error instanceof RefreshOutcomeUnknown ? error.why : error.message),
      );
    throw error;
  }
  await stopPointFor('rotate-answered');
  return keep(ctx, j, r, issued);
}
