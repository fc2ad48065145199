import type { RevokeResult } from '../../shared/contract/revocation-calls.js';
import type { TokenRecord } from '../../shared/model.js';
import type { Result } from '../../shared/result.js';
import { faultClause } from '../providers/transient-fault.js';
import { rememberSecret } from '../redact.js';
import { slotOf } from '../vault/token-slots.js';
import { byHandHint, tokensOf } from './confirm-hints.js';
import { markPreviousRevoked, revocationResult, type RevocationParts } from './revocation-record.js';
import { revokeInstructions } from './revoke-instructions.js';

/** A rotation's old value, asked to be revoked: checked dead at its provider, else still pending (with how to revoke it by hand). */
export async function confirmPrevious(
  rp: RevocationParts,
  record: TokenRecord,
  canVerify: boolean,
): Promise<Result<RevokeResult>> {
  const { session } = rp;
  const { id } = record;
  const instructions =
    record.revocation?.method === 'manual'
      ? revokeInstructions(record, session.manageLink(record), canVerify, 'previous')
      : [];
  const previous = await rp.parts.keychain.get(slotOf.previous(id));
  if (!canVerify || previous === null) {
    const why = canVerify
      ? 'Lapse no longer holds the value this token replaced, so it cannot check it'
      : `Lapse cannot verify ${tokensOf(record.provider)}, so it cannot see whether the value this token replaced is dead`;
    return revocationResult(rp, id, 'pending', `${why}. Revoke it by hand, then ${byHandHint(id)}.`, {
      instructions: instructions.length
        ? instructions
        : revokeInstructions(record, session.manageLink(record), false, 'previous'),
    });
  }
  rememberSecret(previous);
  const checked = await session.checkRevoked(record, previous);
  if (checked.verdict === 'dead') {
    await markPreviousRevoked(
      rp,
      record,
      `The value this token replaced is confirmed dead (${faultClause(checked.message)})`,
    );
    return revocationResult(rp, id, 'revoked', `The value this token replaced is confirmed dead: ${checked.message}`);
  }
  const live =
    checked.verdict === 'alive'
      ? 'is still live: its provider still accepts it'
      : `may still be live: its provider's answer does not show it dead (${faultClause(checked.message)})`;
  return revocationResult(
    rp,
    id,
    'pending',
    `The value this token replaced ${live}. It stays revocation-pending until its provider shows it dead.`,
    { instructions },
  );
}
