import type { TokenRecord } from '../../shared/model.js';
import { rememberSecret } from '../redact.js';
import { slotOf } from '../vault/token-slots.js';
import { abandon, markReauthorize } from './rotation-ends.js';
import type { RotationContext, StepResult } from './rotation-context.js';
import type { RotationJournal } from './rotation-journal.js';
import { verifyText } from './rotation-text.js';

/**
 * pending-stored → verified: the new value works, for the same account. A value the provider
 * issued (in place) that fails is lost to the token (authorize again); a value the person brought
 * that fails changes nothing.
 */
export async function verifyPending(ctx: RotationContext, j: RotationJournal, r: TokenRecord): Promise<StepResult> {
  const inPlace = j.kind !== 'guided';
  const pending = await ctx.parts.keychain.get(slotOf.pending(r.id));
  if (pending === null)
    return inPlace ? markReauthorize(ctx, j, r, verifyText.rotatedGone) : abandon(ctx, j, verifyText.guidedGone);
  rememberSecret(pending);
  // Nothing verified it: no facts, so promotion does not claim a verification.
  if (!ctx.session.adapterOf(r)) return ctx.step(j, 'verified', null, null);
  const c = await ctx.session.checkValue(r, pending);
  if (c.kind === 'fault') return { end: 'stalled', message: verifyText.notVerifiedYet(c.message) };
  const o = c.outcome;
  // Not working now, but not dead either (its account blocked…): the new value is not lost, so wait.
  if (o.outcome === 'rejected' && !o.dead && inPlace)
    return { end: 'stalled', message: verifyText.notVerifiedYet(o.message) };
  if (o.outcome === 'rejected')
    return inPlace
      ? markReauthorize(ctx, j, r, verifyText.rotatedRejected(o.message))
      : abandon(ctx, j, verifyText.newDoesNotWork(o.message));
  if (r.account && o.account && o.account !== r.account) {
    return inPlace
      ? markReauthorize(ctx, j, r, verifyText.rotatedOtherAccount(o.account, r.account))
      : abandon(ctx, j, verifyText.newOtherAccount(o.account, r.account));
  }
  const missing = o.grantedScopes ? r.scopes.filter((s) => !o.grantedScopes?.includes(s)) : [];
  if (!inPlace && missing.length) return abandon(ctx, j, verifyText.newLacksScopes(missing));
  return ctx.step(j, 'verified', null, {
    account: o.account,
    grantedScopes: o.grantedScopes,
    ...(o.expiresAt !== undefined ? { expiresAt: o.expiresAt } : {}),
    ...(o.providerRef ? { providerRef: o.providerRef } : {}),
  });
}
