import { recordAudit } from '../audit/audit-log.js';
import { homeOf } from '../lifecycle/rotation-outcome.js';
import type { ProviderSession } from '../providers/provider-session.js';
import type { ServiceParts } from '../service-parts.js';
import { fingerprintOf } from '../vault/fingerprint.js';
import { slotOf } from '../vault/token-slots.js';
import { endReauthorization, unfinishedReauthorizations, type ReauthorizeJournal } from './reauthorize-journal.js';
import { followNewValue, forgetPending, makeCurrent, revokeNewGrant } from './replace-grant.js';

/**
 * Settles the reauthorizations a crash cut short (reauthorize-journal.ts), at the next start, the
 * way that loses nothing and leaves no live grant nobody knows of:
 * - cut before the old grant was touched (`new-kept`): the new grant is revoked at its issuer and
 *   forgotten; the old one stands, and the log says to reauthorize again;
 * - cut while the old grant was ending or the new one becoming current: the new grant, verified at
 *   its issuer, is made current, and the old value is kept as the previous one until it is seen
 *   dead. A new grant the issuer no longer accepts is forgotten. An issuer that cannot answer
 *   leaves the journal for the next start.
 */
export async function resumeReauthorizations(parts: ServiceParts, session: ProviderSession): Promise<void> {
  for (const journal of unfinishedReauthorizations(homeOf(parts))) {
    try {
      await settle(parts, session, journal);
    } catch {
      // A keychain or store that cannot answer now: the journal stays, and the next start tries again.
    }
  }
}

async function settle(parts: ServiceParts, session: ProviderSession, j: ReauthorizeJournal): Promise<void> {
  const { keychain, store, now } = parts;
  const home = homeOf(parts);
  const id = j.tokenId;
  const record = (await store.read()).tokens[id];
  const forget = () => forgetPending(keychain, id);
  if (!record) {
    await forget();
    return endReauthorization(home, id);
  }
  const audit = (detail: string) =>
    recordAudit(store, { event: 'rotated', tokenId: id, label: record.label, detail, at: now() });
  const pending = await keychain.get(slotOf.pending(id));
  const pendingRefresh = await keychain.get(slotOf.pendingRefresh(id));
  if (pending === null) {
    // Cut before the new grant was kept, or after it was made current and before its record followed.
    const current = await keychain.get(id);
    if (j.step === 'making-current' && current !== null && fingerprintOf(current) !== record.fingerprint) {
      await recordFollows(parts, j, current);
      audit('A reauthorization cut short had made the new grant current: its record now says so.');
    }
    return endReauthorization(home, id);
  }
  if (j.step === 'new-kept') {
    await revokeNewGrant(session, record, { accessToken: pending, refreshToken: pendingRefresh });
    await forget();
    endReauthorization(home, id);
    audit(
      'A reauthorization was cut short before the old grant was touched: the new grant is revoked and the old one stands. Reauthorize again.',
    );
    return;
  }
  const check = await session.checkValue(record, pending);
  if (check.kind === 'fault') return;
  if (check.outcome.outcome !== 'valid') {
    await forget();
    endReauthorization(home, id);
    audit(
      'A reauthorization was cut short while the old grant was ending, and the issuer no longer accepts the new one: it is forgotten. Reauthorize again.',
    );
    return;
  }
  // Made current already (then #previous holds the old value): the current one is no older value.
  const current = await keychain.get(id);
  const old = current === pending ? null : current;
  // The old grant may have been revoked before the cut: seen dead, it needs nothing more.
  const dead = old !== null && (await session.checkRevoked(record, old)).verdict === 'dead';
  const confirmedAt = dead ? new Date(now()).toISOString() : null;
  const grant = { accessToken: pending, refreshToken: pendingRefresh, expiresIn: null, scope: null };
  await makeCurrent(parts, id, grant, j.asked, { old, confirmedAt, outcome: check.outcome });
  endReauthorization(home, id);
  audit(
    `A reauthorization cut short was carried through: the new grant is verified and current; ${dead ? 'the old grant is revoked and confirmed dead' : 'the old value is to be revoked'}.`,
  );
}

/** The record describes the value the keychain holds now (the new grant), with the scopes asked for. */
async function recordFollows({ store, now }: ServiceParts, j: ReauthorizeJournal, value: string): Promise<void> {
  await store.update((vault) => {
    const current = vault.tokens[j.tokenId];
    if (current) vault.tokens[j.tokenId] = followNewValue(current, value, j.asked, new Date(now()).toISOString());
  });
}
