import { detectToken, maskSecret } from '../../shared/formats.js';
import { widenedByRotation } from '../../shared/lifecycle.js';
import type { TokenRecord } from '../../shared/model.js';
import type { VerifyOutcome } from '../providers/provider.js';
import { recordVerification } from '../providers/verify-record.js';
import { fingerprintOf } from '../vault/fingerprint.js';
import { companionAccount, slotOf } from '../vault/token-slots.js';
import type { RotationContext } from './rotation-context.js';
import type { RotationJournal } from './rotation-journal.js';
import { promoteText } from './rotation-text.js';

/** In the keychain: current → #previous, pending → current, the pending refresh token → the token's own. A rerun repeats it safely. */
async function swapValues(ctx: RotationContext, id: string): Promise<void> {
  const { keychain } = ctx.parts;
  const pending = await keychain.get(slotOf.pending(id));
  if (pending === null) return;
  const current = await keychain.get(id);
  if (current !== pending) {
    if (current !== null) await keychain.set(slotOf.previous(id), current);
    await keychain.set(id, pending);
  }
  const refresh = await keychain.get(slotOf.pendingRefresh(id));
  if (refresh !== null) {
    await keychain.set(companionAccount(id, 'refresh'), refresh);
    await keychain.delete(slotOf.pendingRefresh(id));
  }
  await keychain.delete(slotOf.pending(id));
}

/** The record as the new value makes it: its masked form and fingerprint, the revocation of the old one, and what verifying the new one showed. */
function promotedRecord(
  ctx: RotationContext,
  j: RotationJournal,
  current: TokenRecord,
  value: string,
  at: string,
  hasPrevious: boolean,
): TokenRecord {
  const detected = detectToken(value);
  // The provider's name for the old value (its GitLab token id) is not the new one's: a verify learns that.
  const { providerRef: _oldRef, ...kept } = current;
  const method = ctx.session.adapterOf(current)?.revoke || j.kind !== 'guided' ? 'api' : 'manual';
  const next: TokenRecord = {
    ...kept,
    masked: maskSecret(value, detected && detected.provider === current.provider ? detected.prefix : ''),
    fingerprint: fingerprintOf(value),
    lastRotatedAt: at,
    ...(hasPrevious ? { revocation: { requestedAt: at, confirmedAt: null, method, target: 'previous' } } : {}),
  };
  if (j.facts) {
    // Judged against the old value's scopes, before the new value's facts replace them.
    const widenedScopes = widenedByRotation(current, j.facts.grantedScopes);
    const { account, grantedScopes, expiresAt, providerRef } = j.facts;
    const outcome: VerifyOutcome = {
      outcome: 'valid',
      account,
      grantedScopes,
      notes: [],
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(providerRef ? { providerRef } : {}),
    };
    return { ...recordVerification(next, { kind: 'answer', outcome }, ctx.parts.now()).record, widenedScopes };
  }
  if (j.expiresAt) next.expiresAt = `${j.expiresAt}T00:00:00.000Z`;
  return next;
}

/** verified → promoted: current → #previous, pending → current, in one step that a rerun repeats safely. */
export async function promote(ctx: RotationContext, j: RotationJournal, r: TokenRecord): Promise<RotationJournal> {
  const { keychain, store, now } = ctx.parts;
  const id = r.id;
  await swapValues(ctx, id);
  const value = await keychain.get(id);
  const at = new Date(now()).toISOString();
  const previousValue = await keychain.get(slotOf.previous(id));
  const hasPrevious = previousValue !== null;
  // The old value's expiry by its provider's word, while the record still describes it (a rerun may find the new one's).
  const describesPrevious = previousValue !== null && r.fingerprint === fingerprintOf(previousValue);
  const previousExpiresAt = describesPrevious && r.expirySource !== 'user' ? r.expiresAt : null;
  await store.update((vault) => {
    const current = vault.tokens[id];
    if (!current || value === null) return;
    const after = promotedRecord(ctx, j, current, value, at, hasPrevious);
    vault.tokens[id] = after;
    // Logged as the new record is written, before anything the new state sets off (the reminder of
    // an old value still live, logged by a page that reads the vault a moment later) can log first.
    ctx.audit(after, 'rotated', promoteText.promoted(j.kind, after.masked, hasPrevious));
  });
  return ctx.step({ ...j, previousExpiresAt: j.previousExpiresAt ?? previousExpiresAt }, 'promoted');
}
