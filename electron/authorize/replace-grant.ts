import { detectToken, maskSecret } from '../../shared/formats.js';
import type { TokenRecord } from '../../shared/model.js';
import { recordAudit } from '../audit/audit-log.js';
import type { ProviderSession, ValueCheck } from '../providers/provider-session.js';
import { slotOf } from '../lifecycle/rotation-run.js';
import { companionAccount, pendingSlotsOf } from '../vault/token-slots.js';
import type { IssuedGrant } from '../providers/oauth/issued-grant.js';
import { faultClause, TransientFault } from '../providers/transient-fault.js';
import type { ProviderAdapter, VerifyOutcome } from '../providers/provider.js';
import { recordVerification } from '../providers/verify-record.js';
import { rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { fingerprintOf } from '../vault/fingerprint.js';
import { homeOf } from '../lifecycle/rotation-outcome.js';
import { stopPointFor } from '../lifecycle/rotation-journal.js';
import { endReauthorization, noteReauthorization } from './reauthorize-journal.js';

export type Replaced = { ok: true; record: TokenRecord; notes: string[] } | { ok: false; message: string };

type RevokingAdapter = ProviderAdapter & Required<Pick<ProviderAdapter, 'revoke'>>;

const canRevoke = (adapter: ProviderAdapter | null): adapter is RevokingAdapter => Boolean(adapter?.revoke);

/** One reauthorization in progress: the token, its provider, the new grant, and its audit lines. */
interface GrantSwap {
  parts: ServiceParts;
  session: ProviderSession;
  tokenId: string;
  record: TokenRecord;
  adapter: RevokingAdapter;
  grant: IssuedGrant;
  audit: (event: 'rotated' | 'revoked', detail: string) => void;
}

/** The pending keychain slots a new grant waits in, emptied. */
export const forgetPending = async (keychain: ServiceParts['keychain'], tokenId: string): Promise<void> => {
  for (const slot of pendingSlotsOf(tokenId)) await keychain.delete(slot);
};

/** A new grant nobody will keep, revoked at the issuer as a token of this record (its refresh token first, RFC 7009). */
export async function revokeNewGrant(
  session: ProviderSession,
  record: TokenRecord,
  grant: Pick<IssuedGrant, 'accessToken' | 'refreshToken'>,
): Promise<void> {
  const ctx = session.contextFor(record, grant.accessToken);
  await session
    .adapterOf(record)
    ?.revoke?.({ ...ctx, companion: async (slot) => (slot === 'refresh' ? grant.refreshToken : ctx.companion(slot)) })
    .catch(() => undefined);
}

/** The record describing a new value: its masked form and fingerprint, the scopes asked; the old value's provider facts gone. */
export function followNewValue(current: TokenRecord, value: string, asked: string[], at: string): TokenRecord {
  const detected = detectToken(value);
  const { providerRef: _oldRef, widenedScopes: _widened, ...kept } = current;
  return {
    ...kept,
    scopes: asked,
    masked: maskSecret(value, detected && detected.provider === current.provider ? detected.prefix : ''),
    fingerprint: fingerprintOf(value),
    lastRotatedAt: at,
  };
}

/** The new grant is not wanted: revoked at the issuer (as a token of this record) so no live grant is left unknown. */
async function dropNew({ parts, session, tokenId, record, grant, audit }: GrantSwap, why: string): Promise<Replaced> {
  await revokeNewGrant(session, record, grant);
  await forgetPending(parts.keychain, tokenId);
  endReauthorization(homeOf(parts), tokenId);
  audit('rotated', `Reauthorization not kept: ${why}`);
  return { ok: false, message: why };
}

// Scopes about the grant itself, not what it reaches: an ID token, a refresh token.
const grantScopes = new Set(['openid', 'offline_access']);

/** Step 2: the new value works, for the same account, with what was asked; else why it is not kept. */
function judgeNewGrant(
  record: TokenRecord,
  grant: IssuedGrant,
  asked: string[],
  first: ValueCheck,
): { outcome: VerifyOutcome } | { problem: string } {
  if (first.kind === 'fault')
    return {
      problem: `The new grant could not be verified (${faultClause(first.message)}); nothing changed. Reauthorize again when the issuer answers.`,
    };
  const o = first.outcome;
  if (o.outcome === 'rejected')
    return { problem: `The issuer does not accept the new access token (${faultClause(o.message)}); nothing changed.` };
  if (record.account && o.account && o.account !== record.account) {
    return {
      problem: `The new grant belongs to ${o.account}, not ${record.account}: signed in as someone else? Nothing changed; reauthorize again signed in as ${record.account}.`,
    };
  }
  const granted = o.grantedScopes ?? grant.scope ?? asked;
  const missing = asked.filter((s) => !granted.includes(s));
  if (missing.length)
    return {
      problem: `The issuer granted ${granted.join(' ') || 'no scope'}, without ${missing.join(', ')}, which was asked for. Nothing changed.`,
    };
  // Least privilege: a grant wider than asked is not kept. An issuer that authorizes incrementally
  // adds every scope the person granted the app before (draft-ietf-oauth-incremental-authz; Google's
  // include_granted_scopes), so a reauthorization meant to narrow comes back as wide as ever; only
  // ending the app's authorization at the issuer starts afresh.
  const extra = asked.length ? granted.filter((s) => !asked.includes(s) && !grantScopes.has(s)) : [];
  if (extra.length)
    return {
      problem: `The issuer granted ${granted.join(' ')}: also ${extra.join(', ')}, which was not asked for. It keeps the scopes granted before, so the new grant is not kept and nothing changed. To narrow this token, revoke the app's authorization at the issuer (its page of authorized apps), then reauthorize.`,
    };
  return { outcome: o };
}

/** Step 3: the old grant is revoked and checked dead: when it was confirmed, or a note that it may still be live. */
async function endOldGrant(
  { parts, session, tokenId, record, adapter, audit }: GrantSwap,
  old: string,
): Promise<{ confirmedAt: string | null; note: string | null }> {
  const { now } = parts;
  rememberSecret(old);
  // Seen active by this client as the revocation was asked: a later "inactive" is then the revocation, not a token it may not introspect (RFC 7662 §2.2).
  let seen: TokenRecord = record;
  const sawAlive = () => {
    seen = {
      ...record,
      revocation: {
        requestedAt: new Date(now()).toISOString(),
        confirmedAt: null,
        method: 'api',
        target: 'this',
        aliveAtRequest: true,
      },
    };
    return Promise.resolve();
  };
  let refusal: string | null = null;
  // What the issuer said of a revocation it accepted in part (a JWT access token it does not revoke).
  let partly: string | null = null;
  try {
    const said = await adapter.revoke({ ...session.contextFor(record, old), sawAlive });
    if (said.outcome !== 'accepted') refusal = said.message;
    else partly = said.note ?? null;
  } catch (error) {
    if (!(error instanceof TransientFault)) throw error;
    refusal = error.message;
  }
  const dead = await session.checkRevoked(seen, old);
  if (dead.verdict === 'dead') {
    audit('revoked', `The old grant is revoked and confirmed dead (${faultClause(dead.message)}).`);
    return { confirmedAt: new Date(now()).toISOString(), note: null };
  }
  return {
    confirmedAt: null,
    note: `The old access token may still be live (${faultClause(refusal ?? partly ?? dead.message)}): it is kept as this token's previous value; revoke it with lapse revoke ${tokenId.slice(0, 8)}.`,
  };
}

/** After step 3: an issuer that keeps one grant per client and account ended the new grant with the old one. */
async function endedWithOld({ parts, session, tokenId, record, grant, audit }: GrantSwap): Promise<Replaced | null> {
  const still = await session.checkValue(record, grant.accessToken);
  if (still.kind !== 'answer' || still.outcome.outcome !== 'rejected') return null;
  await forgetPending(parts.keychain, tokenId);
  endReauthorization(homeOf(parts), tokenId);
  const message =
    'Revoking the old grant ended the new one too: this issuer keeps one grant per client and account. Nothing live is left; reauthorize again (the old grant is gone now, so the next one stands).';
  audit('rotated', message);
  return { ok: false, message };
}

/**
 * A reauthorized token's new grant takes the old one's place, by the rules a rotation keeps
 * (SECURITY.md: a new value is kept before anything else, verified before it is current, and the old
 * one is revoked and confirmed dead, each step in the audit log):
 * 1. the new access and refresh tokens go to the rotation's pending keychain slots;
 * 2. the new access token is verified at the issuer (RFC 7662): active, the same account, and
 *    holding every scope asked for — otherwise the new grant is revoked and nothing changes;
 * 3. the old grant is revoked (RFC 7009: its refresh token, then its access token) and checked dead
 *    by introspection; the new one is checked again, since an issuer that keeps one grant per client
 *    and account ends both (then the person must authorize again, and Lapse says so);
 * 4. the new value becomes current, its refresh token beside it, the record's declared scopes follow
 *    what was asked (the purpose follows the person's choice), History and the audit log record it.
 */
export async function replaceGrant(
  parts: ServiceParts,
  session: ProviderSession,
  tokenId: string,
  grant: IssuedGrant,
  asked: string[],
): Promise<Replaced> {
  const { keychain, store, now } = parts;
  const record = (await store.read()).tokens[tokenId];
  if (!record)
    return {
      ok: false,
      message:
        'The token is gone from the vault; the new grant was not kept. Add it as a new token with lapse authorize.',
    };
  const adapter = session.adapterOf(record);
  if (!canRevoke(adapter))
    return {
      ok: false,
      message: "Lapse cannot verify or revoke this provider's tokens, so it cannot reauthorize this one.",
    };
  rememberSecret(grant.accessToken);
  if (grant.refreshToken) rememberSecret(grant.refreshToken);
  const audit = (event: 'rotated' | 'revoked', detail: string) =>
    recordAudit(store, { event, tokenId, label: record.label, detail, at: now() });
  const swap: GrantSwap = { parts, session, tokenId, record, adapter, grant, audit };

  // 1. Kept before anything else (the journal first: a crash from here on is settled at the next start).
  const home = homeOf(parts);
  noteReauthorization(home, tokenId, 'new-kept', asked, now());
  await keychain.set(slotOf.pending(tokenId), grant.accessToken);
  if (grant.refreshToken) await keychain.set(slotOf.pendingRefresh(tokenId), grant.refreshToken);
  await stopPointFor('reauthorize-new-kept');

  // 2. The new value works, for the same account, with what was asked.
  const checked = judgeNewGrant(record, grant, asked, await session.checkValue(record, grant.accessToken));
  if ('problem' in checked) return dropNew(swap, checked.problem);

  // 3. The old grant ends, and is seen dead.
  const old = await keychain.get(tokenId);
  const notes: string[] = [];
  let confirmedAt: string | null = null;
  if (old !== null) {
    noteReauthorization(home, tokenId, 'old-ending', asked, now());
    const ended = await endOldGrant(swap, old);
    await stopPointFor('reauthorize-old-ending');
    confirmedAt = ended.confirmedAt;
    if (ended.note) notes.push(ended.note);
    const endedToo = await endedWithOld(swap);
    if (endedToo) return endedToo;
  }

  // 4. The new value is current.
  noteReauthorization(home, tokenId, 'making-current', asked, now());
  await makeCurrent(parts, tokenId, grant, asked, { old, confirmedAt, outcome: checked.outcome });
  endReauthorization(home, tokenId);
  const after = (await store.read()).tokens[tokenId];
  if (!after) return { ok: false, message: 'The token is gone from the vault.' };
  audit(
    'rotated',
    `Reauthorized with ${asked.join(' ') || "the issuer's default scopes"}: the new grant ${after.masked} is verified and current${confirmedAt ? '; the old grant is revoked' : '; the old value is to be revoked'}.`,
  );
  return { ok: true, record: after, notes };
}

/** Step 4: the new grant becomes the token's value (the old one kept as previous until seen dead), the record follows it. */
export async function makeCurrent(
  { keychain, store, now }: ServiceParts,
  tokenId: string,
  grant: IssuedGrant,
  asked: string[],
  { old, confirmedAt, outcome: o }: { old: string | null; confirmedAt: string | null; outcome: VerifyOutcome },
): Promise<void> {
  if (old !== null && confirmedAt === null) await keychain.set(slotOf.previous(tokenId), old);
  await keychain.set(tokenId, grant.accessToken);
  if (grant.refreshToken) await keychain.set(companionAccount(tokenId, 'refresh'), grant.refreshToken);
  else await keychain.delete(companionAccount(tokenId, 'refresh'));
  await forgetPending(keychain, tokenId);
  const at = new Date(now()).toISOString();
  await store.update((vault) => {
    const current = vault.tokens[tokenId];
    if (!current) return;
    const next: TokenRecord = {
      ...followNewValue(current, grant.accessToken, asked, at),
      expiresAt: grant.expiresIn !== null ? new Date(now() + grant.expiresIn * 1000).toISOString() : current.expiresAt,
      revocation:
        old === null ? current.revocation : { requestedAt: at, confirmedAt, method: 'api', target: 'previous' },
    };
    vault.tokens[tokenId] = recordVerification(next, { kind: 'answer', outcome: o }, now()).record;
  });
}
