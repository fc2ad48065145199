import type { RevokeResult } from '../../shared/contract/revocation-calls.js';
import type { TokenRecord } from '../../shared/model.js';
import type { Result } from '../../shared/result.js';
import { faultClause, type TransientFault } from '../providers/transient-fault.js';
import { confirmRevocation } from './confirm-revocation.js';
import {
  auditRevocation,
  markManual,
  revocationResult,
  settleByHand,
  type RevocationParts,
} from './revocation-record.js';

/**
 * The revocation got no usable answer, yet the request may have reached the provider and been
 * acted on: a verify that shows the token dead settles it. Asked only when nothing says to wait
 * (turned away for a rate limit, or its host inside a window): that verify could not run now.
 */
export async function afterFault(
  rp: RevocationParts,
  record: TokenRecord,
  fault: TransientFault,
): Promise<Result<RevokeResult>> {
  const { session } = rp;
  const { id } = record;
  const said = faultClause(fault.message);
  const again = 'Revoke it again later; it stays revocation-pending until a verify shows it dead.';
  auditRevocation(rp, record, `Revocation requested, but no usable answer came from the provider (${said}).`);
  const secret = await rp.parts.keychain.get(record.id);
  // The gate keeps the wall clock (the service's `now` may be a --now for lifecycle rules).
  if (fault.rateLimited || session.options.gate.openAt(session.gateKeyOf(record, secret), Date.now()))
    return revocationResult(
      rp,
      id,
      'pending',
      `The revocation got no usable answer (${said}); the token may still be live. ${again}`,
    );
  const confirmed = await confirmRevocation(rp, id);
  if (!confirmed.ok || confirmed.value.state === 'revoked') return confirmed;
  const live =
    confirmed.value.token.verification?.outcome === 'valid'
      ? 'a verify shows the token still live'
      : 'the token may still be live';
  const settle = settleByHand(confirmed.value.token.verification, id);
  return revocationResult(
    rp,
    id,
    'pending',
    `The revocation got no usable answer (${said}), and ${live}. ${again}${settle}`,
    { instructions: confirmed.value.instructions },
  );
}

/** The provider refused to revoke it: by hand from now on, and a verify says whether it is still live. */
export async function afterRefusal(
  rp: RevocationParts,
  record: TokenRecord,
  message: string,
): Promise<Result<RevokeResult>> {
  await markManual(rp, record.id);
  auditRevocation(rp, record, `Revocation refused by the provider: ${message}`);
  const after = await confirmRevocation(rp, record.id);
  if (after.ok && after.value.state === 'pending')
    return revocationResult(rp, record.id, 'pending', `${message} The token is still live: revoke it by hand.`, {
      instructions: after.value.instructions,
    });
  return after;
}
