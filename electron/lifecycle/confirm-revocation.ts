import type { RevokeResult } from '../../shared/contract/revocation-calls.js';
import { lastCheckCouldNotTell } from '../../shared/check-verdict.js';
import { providerNames, type TokenRecord } from '../../shared/model.js';
import { fail, type Result } from '../../shared/result.js';
import { tokenNotFound } from '../not-found.js';
import type { RevocationCheck } from '../providers/provider.js';
import { faultClause } from '../providers/transient-fault.js';
import { slotOf } from '../vault/token-slots.js';
import { byHandHint, checkAgainHint, tokensOf } from './confirm-hints.js';
import { confirmPrevious } from './confirm-previous.js';
import {
  markPreviousRevoked,
  markRevoked,
  revocationResult,
  settleByHand,
  type RevocationParts,
} from './revocation-record.js';
import { revokeInstructions } from './revoke-instructions.js';

/** Whether Lapse can see this token dead at its provider: an adapter, and a kind of token the provider answers for. */
async function judgeable({ parts, session }: RevocationParts, record: TokenRecord): Promise<boolean> {
  if (!session.adapterOf(record)) return false;
  const secret = await parts.keychain.get(record.id);
  return secret === null || (session.tokenType(record, secret)?.verifiable ?? false);
}

/** The kind of token `record` is at its provider, as its adapter tells it from the value; null without one. */
async function tokenTypeOf({ parts, session }: RevocationParts, record: TokenRecord) {
  const secret = session.adapterOf(record) ? await parts.keychain.get(record.id) : null;
  return secret === null ? null : session.tokenType(record, secret);
}

/** The provider's name for this kind of token, for "Lapse cannot verify …". */
async function kindOf(rp: RevocationParts, record: TokenRecord): Promise<string> {
  const type = await tokenTypeOf(rp, record);
  return type && !type.verifiable ? `${providerNames[record.provider]} ${type.name}s` : tokensOf(record.provider);
}

/** Where this kind of token is revoked by hand, when its adapter knows a better place than the token page. */
async function byHandWhere(rp: RevocationParts, record: TokenRecord): Promise<string | undefined> {
  return (await tokenTypeOf(rp, record))?.byHand;
}

/** The person says it is revoked: recorded as their word, not a verify, and only where a verify cannot settle it. */
async function confirmByHand(
  rp: RevocationParts,
  given: TokenRecord,
  canVerify: boolean,
): Promise<Result<RevokeResult>> {
  const { keychain, store } = rp.parts;
  let record = given;
  const { id } = record;
  const previousPending = record.revocation?.target === 'previous' && !record.revocation.confirmedAt;
  const nothingToVerify = previousPending && (await keychain.get(slotOf.previous(id))) === null;
  if (canVerify && !nothingToVerify) {
    const refusal = `Lapse can verify ${tokensOf(record.provider)}, so only a verify that shows it dead confirms a revocation: once it is revoked, ${checkAgainHint(id)}.`;
    if (previousPending) return fail('invalid-input', refusal);
    // The person's word counts only where a check, made now, can never show it dead from here.
    const checked = await confirmRevocation(rp, id);
    if (!checked.ok || checked.value.state === 'revoked') return checked;
    const now = (await store.read()).tokens[id];
    if (!now || !lastCheckCouldNotTell(now.verification)) {
      return fail(
        'invalid-input',
        now?.verification?.outcome === 'valid'
          ? `Its provider still accepts it (${faultClause(now.verification.message)}), so it is not revoked. ${refusal}`
          : refusal,
      );
    }
    record = now;
  }
  const unverified = !canVerify
    ? `Lapse cannot verify ${tokensOf(record.provider)}`
    : nothingToVerify
      ? 'Lapse no longer holds that value to verify'
      : `its provider's last answer could not show it dead: ${faultClause(record.verification?.message ?? '')}`;
  if (previousPending) {
    await markPreviousRevoked(
      rp,
      record,
      `The value this token replaced: revocation confirmed by the person, not verified (${unverified})`,
      true,
    );
    return revocationResult(
      rp,
      id,
      'revoked',
      `Recorded: you revoked the value this token replaced (your word; ${unverified}). Its copy left the keychain; the current value is untouched.`,
    );
  }
  await markRevoked(rp, id, `Revocation confirmed by the person, not verified (${unverified})`, true);
  await keychain.delete(slotOf.previous(id));
  return revocationResult(
    rp,
    id,
    'revoked',
    `Recorded: you revoked it (your word; ${unverified}). Its secret left the keychain; its metadata stays as history.`,
  );
}

/** What a verify's answer proves about a token asked to be revoked. */
const verdictOfVerify = (
  outcome: 'valid' | 'rejected' | 'unreachable',
  dead: boolean | undefined,
): RevocationCheck['verdict'] =>
  outcome === 'valid' ? 'alive' : outcome === 'rejected' && dead === true ? 'dead' : 'cannot-tell';

/**
 * Confirm a revocation: only a verify that shows the token dead marks it revoked (and moves its
 * secret out of the keychain); `byHand`, the person's word, only where a verify cannot settle it.
 */
export async function confirmRevocation(
  rp: RevocationParts,
  id: string,
  byHand = false,
): Promise<Result<RevokeResult>> {
  const { session } = rp;
  const record = (await rp.parts.store.read()).tokens[id];
  if (!record) return tokenNotFound(id);
  if (record.revokedAt) return revocationResult(rp, id, 'revoked', 'Already revoked and confirmed dead.');
  const canVerify = await judgeable(rp, record);
  if (byHand) return confirmByHand(rp, record, canVerify);
  // A rotation's old value: that is what to check, not the current one.
  if (record.revocation?.target === 'previous' && !record.revocation.confirmedAt)
    return confirmPrevious(rp, record, canVerify);
  const instructions =
    record.revocation?.method === 'manual'
      ? revokeInstructions(record, session.manageLink(record), canVerify, 'this', await byHandWhere(rp, record))
      : [];
  if (!canVerify)
    return revocationResult(
      rp,
      id,
      'pending',
      `Lapse cannot verify ${await kindOf(rp, record)}, so it cannot confirm the revocation: the token may still be live.${instructions.length ? '' : ` Once you have revoked it, ${byHandHint(id)}.`}`,
      { instructions },
    );
  const checked = await rp.verify.verifyToken({ id });
  if (!checked.ok) return checked;
  const { outcome, message, token } = checked.value;
  const verdict = verdictOfVerify(outcome, token.verification?.dead);
  if (verdict === 'dead') {
    await markRevoked(rp, id, `Confirmed dead (${faultClause(message)})`);
    return revocationResult(rp, id, 'revoked', `Revoked: ${message}`);
  }
  const why =
    verdict === 'alive'
      ? 'Old token still live: its provider still accepts it'
      : `The token may still be live: its provider's answer does not show it dead (${faultClause(message)})`;
  const settle = verdict === 'cannot-tell' ? settleByHand(token.verification, id) : '';
  return revocationResult(
    rp,
    id,
    'pending',
    `${why}. It stays revocation-pending until its provider shows it dead.${settle}`,
    { instructions },
  );
}
