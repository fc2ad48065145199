import path from 'node:path';
import { detectToken, maskSecret } from '../../shared/formats.js';
import { widenedByRotation } from '../../shared/lifecycle.js';
import type { TokenRecord } from '../../shared/model.js';
import { recordAudit } from '../audit/audit-log.js';
import { companionAccount } from '../providers/oauth/companion-slots.js';
import type { VerifyOutcome } from '../providers/provider.js';
import { RefreshOutcomeUnknown } from '../providers/oauth/refresh.js';
import { faultClause, TransientFault } from '../providers/transient-fault.js';
import { recordVerification } from '../providers/verify-record.js';
import { providerNames } from '../../shared/model.js';
import { rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { fingerprintOf } from '../vault/fingerprint.js';
import { byHandHint, tokensOf } from './confirm-hints.js';
import { RotationRefused, type Issued, type RotationCapability } from '../providers/rotation.js';
import { holdJournal } from './journal-lock.js';
import type { ProviderSession } from './provider-session.js';
import { advanceJournal, noteStall, readJournals, stopPointFor, type RotationJournal } from './rotation-journal.js';

/** Keychain slots of a rotation in flight. */
export const slotOf = {
  pending: (id: string) => `${id}#pending`,
  pendingRefresh: (id: string) => `${id}#pending-refresh`,
  previous: (id: string) => `${id}#previous`,
};

/** Where a run stopped: done, waiting on the old value's revocation, or stopped for a reason. */
export type RunEnd =
  | { end: 'finished' | 'revocation-pending' | 'reauthorize' | 'abandoned'; message: string }
  | { end: 'stalled'; message: string };

export interface RotationRunner {
  /** Carry a journal from its last recorded step as far as it can go. `fresh`: started just now, not resumed. */
  run(journal: RotationJournal, fresh: boolean): Promise<RunEnd>;
}

export function rotationRunner(parts: ServiceParts, session: ProviderSession): RotationRunner {
  const { keychain, store, now } = parts;
  const home = path.dirname(store.path);
  const record = async (id: string) => (await store.read()).tokens[id] ?? null;
  const audit = (r: TokenRecord, event: 'rotated' | 'revoked', detail: string) => recordAudit(store, { event, tokenId: r.id, label: r.label, detail, at: now() });
  const step = async (j: RotationJournal, s: RotationJournal['step'], outcome: RotationJournal['outcome'] = null, facts = j.facts) => {
    const next = advanceJournal(home, j, s, now(), outcome, facts);
    await stopPointFor(s);
    return next;
  };

  // A rotation's values are looked at, never refreshed: the refresh token is the current value's.
  const check = (r: TokenRecord, secret: string) => session.checkValue(r, secret);

  /** The rotation this journal names, as its provider offers it (null for a guided one). */
  const rotationOf = (j: RotationJournal, r: TokenRecord): RotationCapability | null => (j.kind === 'guided' ? null : session.rotationOfKind(r, j.kind));
  const startedAt = (j: RotationJournal) => Date.parse(j.history[0]?.at ?? '') || now();

  /** The rotation happened but its answer (the only copy of the new value) was lost: end that value where Lapse can, and say what is left. */
  async function sweepLost(j: RotationJournal, r: TokenRecord): Promise<string | null> {
    const rotation = rotationOf(j, r);
    if (!rotation?.sweepLost) return null;
    const swept = await rotation.sweepLost({ parts, session }, r, { startedAt: startedAt(j), expiresAt: j.expiresAt });
    if (swept.audit) audit(r, 'revoked', swept.audit);
    return swept.sentence;
  }

  async function markReauthorize(j: RotationJournal, r: TokenRecord, reason: string): Promise<RunEnd> {
    // Still at intent: the provider rotated, and nothing of its answer was kept (docs/SECURITY.md, 'Rotation survives a crash').
    const swept = j.step === 'intent' ? await sweepLost(j, r) : null;
    const message = swept ? `${reason} ${swept}` : reason;
    // A verification message holds 500 characters; the whole account is in the run's answer and the audit log.
    const shown = message.length <= 500 ? message : `${reason} What Lapse did about the lost value, and what is still live, is in this token's history.`.slice(0, 500);
    const at = new Date(now()).toISOString();
    await store.update((vault) => {
      const current = vault.tokens[r.id];
      if (current) vault.tokens[r.id] = { ...current, lastVerifiedAt: at, verification: { outcome: 'rejected', at, message: shown, reason: 'revoked', dead: false, retryAt: null, notes: [], jwtCheck: null } };
    });
    audit(r, 'rotated', message);
    await step(j, 'finished', 'reauthorize');
    return { end: 'reauthorize', message };
  }

  async function abandon(j: RotationJournal, message: string): Promise<RunEnd> {
    await keychain.delete(slotOf.pending(j.tokenId));
    await keychain.delete(slotOf.pendingRefresh(j.tokenId));
    await step(j, 'finished', 'abandoned');
    return { end: 'abandoned', message };
  }

  /** intent → pending-stored: the one provider call of an in-place rotation, its answer saved at once. */
  async function issue(j: RotationJournal, r: TokenRecord, fresh: boolean): Promise<RotationJournal | RunEnd> {
    if ((await keychain.get(slotOf.pending(r.id))) !== null) return step(j, 'pending-stored');
    // Stopped between the answer's two keychain writes: the new refresh token is kept (the old one is spent), the new access token is not.
    const orphanRefresh = await keychain.get(slotOf.pendingRefresh(r.id));
    if (orphanRefresh !== null) {
      rememberSecret(orphanRefresh);
      await keychain.set(companionAccount(r.id, 'refresh'), orphanRefresh);
      await keychain.delete(slotOf.pendingRefresh(r.id));
      return abandon(j, 'The refresh happened, but Lapse stopped before it kept the new access token. It kept the new refresh token, so rotating again gets a fresh access token; the current one works until it expires.');
    }
    const current = await keychain.get(r.id);
    if (current === null) return abandon(j, 'The keychain has no value for this token, so there is nothing to rotate.');
    rememberSecret(current);
    const ctx = session.contextFor(r, current);
    const rotation = rotationOf(j, r);
    if (!rotation && j.kind !== 'guided') return abandon(j, `${providerNames[r.provider]} no longer rotates this token this way (${j.kind}); nothing changed.`);
    const lost = rotation?.lostMessage(r.id) ?? 'The rotation happened, but its answer was lost. Authorize again.';
    // The answer is the only copy of the new value: into the keychain before anything else.
    const keep = async (issued: Issued) => {
      if (issued.refreshToken) await keychain.set(slotOf.pendingRefresh(r.id), issued.refreshToken);
      await keychain.set(slotOf.pending(r.id), issued.secret);
      return step(j, 'pending-stored');
    };
    const unknownOutcome = async (why: string): Promise<RotationJournal | RunEnd> => {
      if (!rotation) return abandon(j, `${why} Nothing was rotated.`);
      const away = await rotation.rotatedWhileAway(ctx, async () => {
        // Only a dead verdict says the rotation happened; an answer that shows neither waits like a fault.
        const c = await session.checkRevoked(r, current);
        if (c.verdict === 'cannot-tell') throw new TransientFault(c.message);
        return c.verdict === 'dead' ? 'rejected' : 'valid';
      }).catch((error: unknown) => {
        if (error instanceof TransientFault) return null;
        throw error;
      });
      if (away === null) return { end: 'stalled', message: `${why} Lapse could not yet tell whether the rotation happened; it checks again when you rotate this token again or when Lapse next starts.` };
      // Finding out rotated it just now (Slack): kept like any rotate answer.
      if (typeof away === 'object') return keep(away);
      return away ? markReauthorize(j, r, lost) : abandon(j, `${why} The old token still works, so nothing was rotated; try again.`);
    };
    if (!fresh || j.kind === 'guided') {
      if (j.kind === 'guided') return abandon(j, 'The new value was never stored; nothing changed. Start the rotation again.');
      return unknownOutcome('The rotation call\'s answer was never kept.');
    }
    if (!rotation) return abandon(j, 'The new value was never stored; nothing changed. Start the rotation again.');
    let issued;
    try {
      issued = await rotation.rotate(ctx, j.expiresAt);
    } catch (error) {
      if (error instanceof RotationRefused) return abandon(j, error.message);
      // Turned away for its rate limit (429, or not sent inside a window): the provider did not act on it.
      if (error instanceof TransientFault && error.rateLimited) return abandon(j, `Nothing was rotated: ${faultClause(error.message)}.`);
      if (error instanceof TransientFault) return unknownOutcome(`The rotation call got no usable answer (${faultClause(error instanceof RefreshOutcomeUnknown ? error.why : error.message)}).`);
      if (error instanceof Error && error.name === 'RefreshRefused') return abandon(j, error.message);
      throw error;
    }
    await stopPointFor('rotate-answered');
    return keep(issued);
  }

  /** pending-stored → verified: the new value works, for the same account. */
  async function verifyPending(j: RotationJournal, r: TokenRecord): Promise<RotationJournal | RunEnd> {
    const pending = await keychain.get(slotOf.pending(r.id));
    if (pending === null) return j.kind === 'guided' ? abandon(j, 'The new value is gone from the keychain; nothing changed.') : markReauthorize(j, r, 'The rotated value is gone from the keychain. Authorize again.');
    rememberSecret(pending);
    // Nothing verified it: no facts, so promotion does not claim a verification.
    if (!session.adapterOf(r)) return step(j, 'verified', null, null);
    const c = await check(r, pending);
    if (c.kind === 'fault') return { end: 'stalled', message: `The new value could not be verified yet (${faultClause(c.message)}); Lapse tries again when you rotate this token again or when it next starts.` };
    const o = c.outcome;
    const inPlace = j.kind !== 'guided';
    // Not working now, but not dead either (its account blocked…): the new value is not lost, so wait.
    if (o.outcome === 'rejected' && !o.dead && inPlace) return { end: 'stalled', message: `The new value could not be verified yet (${faultClause(o.message)}); Lapse tries again when you rotate this token again or when it next starts.` };
    if (o.outcome === 'rejected') return inPlace ? markReauthorize(j, r, `The provider rejects the rotated value (${faultClause(o.message)}). Authorize again.`) : abandon(j, `The new token does not work: ${o.message}`);
    if (r.account && o.account && o.account !== r.account) {
      return inPlace ? markReauthorize(j, r, `The rotated value belongs to ${o.account}, not ${r.account}.`) : abandon(j, `The new token belongs to ${o.account}, not ${r.account}: it is not a replacement for this one. Nothing changed.`);
    }
    const missing = o.grantedScopes ? r.scopes.filter((s) => !o.grantedScopes?.includes(s)) : [];
    if (!inPlace && missing.length) return abandon(j, `The new token lacks ${missing.join(', ')}, which this token's purpose needs. Nothing changed.`);
    return step(j, 'verified', null, { account: o.account, grantedScopes: o.grantedScopes, ...(o.expiresAt !== undefined ? { expiresAt: o.expiresAt } : {}), ...(o.providerRef ? { providerRef: o.providerRef } : {}) });
  }

  /** verified → promoted: current → #previous, pending → current, in one step that a rerun repeats safely. */
  async function promote(j: RotationJournal, r: TokenRecord): Promise<RotationJournal> {
    const id = r.id;
    const pending = await keychain.get(slotOf.pending(id));
    if (pending !== null) {
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
      const detected = detectToken(value);
      // The provider's name for the old value (its GitLab token id) is not the new one's: a verify learns that.
      const { providerRef: _oldRef, ...kept } = current;
      let next: TokenRecord = {
        ...kept,
        masked: maskSecret(value, detected && detected.provider === current.provider ? detected.prefix : ''),
        fingerprint: fingerprintOf(value),
        lastRotatedAt: at,
        ...(hasPrevious ? { revocation: { requestedAt: at, confirmedAt: null, method: session.adapterOf(current)?.revoke || j.kind !== 'guided' ? 'api' : 'manual', target: 'previous' } } : {}),
      };
      if (j.facts) {
        // Judged against the old value's scopes, before the new value's facts replace them.
        const widenedScopes = widenedByRotation(current, j.facts.grantedScopes);
        const outcome: VerifyOutcome = { outcome: 'valid', account: j.facts.account, grantedScopes: j.facts.grantedScopes, notes: [], ...(j.facts.expiresAt !== undefined ? { expiresAt: j.facts.expiresAt } : {}), ...(j.facts.providerRef ? { providerRef: j.facts.providerRef } : {}) };
        next = { ...recordVerification(next, { kind: 'answer', outcome }, now()).record, widenedScopes };
      } else if (j.expiresAt) {
        next.expiresAt = `${j.expiresAt}T00:00:00.000Z`;
      }
      vault.tokens[id] = next;
    });
    const after = await record(id);
    if (after) audit(after, 'rotated', `Rotated (${j.kind}): the new value ${after.masked} is current${hasPrevious ? '; the old one is to be revoked' : ''}.`);
    return step({ ...j, previousExpiresAt: j.previousExpiresAt ?? previousExpiresAt }, 'promoted');
  }

  /** promoted → old-revoked: revoke the previous value (if it is not dead already) and confirm it is dead. */
  async function retireOld(j: RotationJournal, given: TokenRecord): Promise<RotationJournal | RunEnd> {
    let r = given;
    const previous = await keychain.get(slotOf.previous(r.id));
    if (previous === null) return step(j, 'old-revoked');
    rememberSecret(previous);
    const adapter = session.adapterOf(r);
    const link = session.manageLink(r);
    if (!adapter) {
      // Nothing here can revoke or check it: the person does, then says so (confirmRevocation byHand); the rotation itself is done.
      await step(j, 'finished', 'done');
      return { end: 'revocation-pending', message: `The new value is current. Lapse cannot verify ${tokensOf(r.provider)}, so the old one is still live as far as it knows: revoke it by hand${link ? ` at ${link}` : " in the provider's settings"}, then ${byHandHint(r.id)}.` };
    }
    // An OAuth access token shares its grant with the new one (revoking it ends the grant, seen at
    // oidc-provider); a Slack token its bot user (auth.revoke deactivates it): such a value is left to
    // its expiry, or, with none, only checked, never revoked by Lapse.
    const rotation = rotationOf(j, r);
    const retire = rotation?.retireOld ?? 'revoke';
    const sharesGrant = retire !== 'revoke';
    const expiresAt = retire === 'expire' ? (rotation?.expiryBound?.(previous, startedAt(j), j.previousExpiresAt) ?? j.previousExpiresAt) : null;
    if (expiresAt && Date.parse(expiresAt) <= now()) return confirmOld(j, r, `it expired at ${expiresAt}`);
    const leftToExpire = rotation?.leftToExpire?.(expiresAt) ?? 'The new value is current; the old one is left to expire.';
    // Its issuer's own expiry is still ahead: asking now could only say "active" (every start would pay a call for it).
    if (expiresAt) return { end: 'revocation-pending', message: leftToExpire };
    // Refused once (recorded as manual): the person revokes it; asking again at every start would only spend the provider's limit.
    const refusedBefore = r.revocation?.method === 'manual';
    let refused: string | null = null;
    let first = await session.checkRevoked(r, previous);
    if (first.verdict !== 'dead' && !sharesGrant) {
      try {
        if (adapter.revoke && !refusedBefore) {
          const sawAlive = async () => {
            await store.update((vault) => {
              const current = vault.tokens[r.id];
              if (current?.revocation) vault.tokens[r.id] = { ...current, revocation: { ...current.revocation, aliveAtRequest: true } };
            });
          };
          const said = await adapter.revoke({ ...session.contextFor(r, previous), sawAlive });
          if (said.outcome === 'refused' || said.outcome === 'needs-otp') refused = said.message;
        }
      } catch (error) {
        if (!(error instanceof TransientFault)) throw error;
      }
      r = (await record(r.id)) ?? r;
      first = await session.checkRevoked(r, previous);
    }
    if (first.verdict === 'dead') return confirmOld(j, r, first.message);
    if (sharesGrant) return { end: 'revocation-pending', message: leftToExpire };
    const byHand = `by hand${link ? ` at ${link}` : " in the provider's settings"}. Lapse marks it revoked once a verify shows it dead.`;
    if (refused !== null) {
      await store.update((vault) => {
        const current = vault.tokens[r.id];
        if (current?.revocation) vault.tokens[r.id] = { ...current, revocation: { ...current.revocation, method: 'manual' } };
      });
      audit(r, 'revoked', `Revocation of the value this token replaced refused by the provider: ${refused}`);
      return { end: 'revocation-pending', message: `The new value is current, but the old token is still live: ${faultClause(refused)}, so revoke it ${byHand}` };
    }
    const live = first.verdict === 'cannot-tell' ? `may still be live: it could not be checked (${faultClause(first.message)})` : 'is still live: its provider still accepts it';
    const next = adapter.revoke && !refusedBefore ? 'Lapse will try again next time it starts.' : `Revoke it ${byHand}`;
    return { end: 'revocation-pending', message: `The new value is current, but the old token ${live}. ${next}` };
  }

  /** The replaced value is dead: the record says so (no longer revocation-pending), and the log says why. */
  async function confirmOld(j: RotationJournal, r: TokenRecord, evidence: string): Promise<RotationJournal> {
    const at = new Date(now()).toISOString();
    await store.update((vault) => {
      const current = vault.tokens[r.id];
      if (current?.revocation) vault.tokens[r.id] = { ...current, revocation: { ...current.revocation, confirmedAt: at } };
    });
    audit(r, 'revoked', `The value this token replaced is confirmed dead (${faultClause(evidence)}).`);
    return step(j, 'old-revoked');
  }

  async function run(start: RotationJournal, fresh: boolean): Promise<RunEnd> {
    const release = holdJournal(home, start.rotationId);
    if (!release) return { end: 'stalled', message: 'Another Lapse (the window or a command) is carrying this rotation on right now; try again once it is done.' };
    try {
      // As on disk now: another process may have carried it on since the caller read it.
      const end = await carry(readJournals(home).find((j) => j.rotationId === start.rotationId) ?? start, fresh);
      // Paused, not failed: the journal, the log and every face say so until it is resumed or discarded.
      if (end.end === 'stalled' && noteStall(home, start.rotationId, end.message, now())) {
        const r = await record(start.tokenId);
        if (r) audit(r, 'rotated', `Rotation paused${start.pendingMasked ? ` with the new value ${start.pendingMasked} kept in the keychain` : ''}: ${end.message} Resume it (lapse rotate ${r.id.slice(0, 8)})${start.kind === 'guided' ? `, or discard the new value (lapse rotate ${r.id.slice(0, 8)} --discard)` : ''}.`);
      }
      return end;
    } finally {
      release();
    }
  }

  async function carry(start: RotationJournal, fresh: boolean): Promise<RunEnd> {
    let j = start;
    for (;;) {
      const r = await record(j.tokenId);
      if (!r) {
        // Deleted mid-rotation: none of its values has a record left to belong to.
        await keychain.delete(slotOf.previous(j.tokenId));
        return abandon(j, 'The token is gone from the vault.');
      }
      let next: RotationJournal | RunEnd;
      switch (j.step) {
        case 'intent':
          next = await issue(j, r, fresh);
          break;
        case 'pending-stored':
          next = await verifyPending(j, r);
          break;
        case 'verified':
          next = await promote(j, r);
          break;
        case 'promoted':
          next = await retireOld(j, r);
          break;
        case 'old-revoked':
          await keychain.delete(slotOf.previous(r.id));
          next = await step(j, 'previous-deleted');
          break;
        case 'previous-deleted':
          next = await step(j, 'finished', 'done');
          break;
        case 'finished':
          return { end: j.outcome === 'reauthorize' ? 'reauthorize' : j.outcome === 'abandoned' ? 'abandoned' : 'finished', message: 'Rotated; the old value is confirmed dead.' };
      }
      if ('end' in next) return next;
      j = next;
    }
  }

  return { run };
}

