import type { TokenRecord } from '../../shared/model.js';
import type { ProviderAdapter } from '../providers/provider.js';
import { TransientFault } from '../providers/transient-fault.js';
import { rememberSecret } from '../redact.js';
import { slotOf } from '../vault/token-slots.js';
import type { RotationContext, StepResult } from './rotation-context.js';
import type { RotationJournal } from './rotation-journal.js';
import { retireText } from './rotation-text.js';

/** The replaced value is dead: the record says so (no longer revocation-pending), and the log says why. */
async function confirmOld(
  ctx: RotationContext,
  j: RotationJournal,
  r: TokenRecord,
  evidence: string,
): Promise<RotationJournal> {
  const at = new Date(ctx.parts.now()).toISOString();
  await ctx.parts.store.update((vault) => {
    const current = vault.tokens[r.id];
    if (current?.revocation)
      vault.tokens[r.id] = { ...current, revocation: { ...current.revocation, confirmedAt: at } };
  });
  ctx.audit(r, 'revoked', retireText.confirmedDead(evidence));
  return ctx.step(j, 'old-revoked');
}

/** Ask the provider to revoke the replaced value; its refusal in words, or null (done, or a fault: the check after decides). */
async function askToRevoke(
  ctx: RotationContext,
  adapter: ProviderAdapter,
  r: TokenRecord,
  previous: string,
): Promise<string | null> {
  const { store } = ctx.parts;
  const sawAlive = async () => {
    await store.update((vault) => {
      const current = vault.tokens[r.id];
      if (current?.revocation)
        vault.tokens[r.id] = { ...current, revocation: { ...current.revocation, aliveAtRequest: true } };
    });
  };
  try {
    const said = await adapter.revoke?.({ ...ctx.session.contextFor(r, previous), sawAlive });
    return said && (said.outcome === 'refused' || said.outcome === 'needs-otp') ? said.message : null;
  } catch (error) {
    if (error instanceof TransientFault) return null;
    throw error;
  }
}

/** The provider refused the revocation: from now on the person revokes it (recorded as manual), and the log says why. */
async function refusedByProvider(
  ctx: RotationContext,
  r: TokenRecord,
  refused: string,
  byHand: string,
): Promise<StepResult> {
  await ctx.parts.store.update((vault) => {
    const current = vault.tokens[r.id];
    if (current?.revocation)
      vault.tokens[r.id] = { ...current, revocation: { ...current.revocation, method: 'manual' } };
  });
  ctx.audit(r, 'revoked', retireText.refusedAudit(refused));
  return { end: 'revocation-pending', message: retireText.refused(refused, byHand) };
}

/** promoted → old-revoked: revoke the previous value (if it is not dead already) and confirm it is dead. */
export async function retireOld(ctx: RotationContext, j: RotationJournal, given: TokenRecord): Promise<StepResult> {
  const { session, parts } = ctx;
  let r = given;
  const previous = await parts.keychain.get(slotOf.previous(r.id));
  if (previous === null) return ctx.step(j, 'old-revoked');
  rememberSecret(previous);
  const adapter = session.adapterOf(r);
  const link = session.manageLink(r);
  if (!adapter) {
    // Nothing here can revoke or check it: the person does, then says so (confirmRevocation byHand); the rotation itself is done.
    await ctx.step(j, 'finished', 'done');
    return { end: 'revocation-pending', message: retireText.cannotVerify(r.provider, r.id, link) };
  }
  // An OAuth access token shares its grant with the new one (revoking it ends the grant, seen at
  // oidc-provider); a Slack token its bot user (auth.revoke deactivates it): such a value is left to
  // its expiry, or, with none, only checked, never revoked by Lapse.
  const rotation = ctx.rotationOf(j, r);
  const retire = rotation?.retireOld ?? 'revoke';
  const sharesGrant = retire !== 'revoke';
  const expiresAt =
    retire === 'expire'
      ? (rotation?.expiryBound?.(previous, ctx.startedAt(j), j.previousExpiresAt) ?? j.previousExpiresAt)
      : null;
  if (expiresAt && Date.parse(expiresAt) <= parts.now()) return confirmOld(ctx, j, r, retireText.expiredAt(expiresAt));
  const leftToExpire = rotation?.leftToExpire?.(expiresAt) ?? retireText.leftToExpire;
  // Its issuer's own expiry is still ahead: asking now could only say "active" (every start would pay a call for it).
  if (expiresAt) return { end: 'revocation-pending', message: leftToExpire };
  // Refused once (recorded as manual): the person revokes it; asking again at every start would only spend the provider's limit.
  const refusedBefore = r.revocation?.method === 'manual';
  let refused: string | null = null;
  let first = await session.checkRevoked(r, previous);
  if (first.verdict !== 'dead' && !sharesGrant) {
    if (adapter.revoke && !refusedBefore) refused = await askToRevoke(ctx, adapter, r, previous);
    r = (await ctx.record(r.id)) ?? r;
    first = await session.checkRevoked(r, previous);
  }
  if (first.verdict === 'dead') return confirmOld(ctx, j, r, first.message);
  if (sharesGrant) return { end: 'revocation-pending', message: leftToExpire };
  const byHand = retireText.byHand(link);
  if (refused !== null) return refusedByProvider(ctx, r, refused, byHand);
  const live = first.verdict === 'cannot-tell' ? retireText.couldNotCheck(first.message) : retireText.stillAccepted;
  const next = adapter.revoke && !refusedBefore ? retireText.tryAgainAtStart : retireText.revokeByHand(byHand);
  return { end: 'revocation-pending', message: retireText.stillLive(live, next) };
}
