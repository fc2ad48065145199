import type { RevokeResult } from '../../shared/contract/revocation-calls.js';
import { providerNames, type Revocation, type TokenRecord } from '../../shared/model.js';
import type { Result } from '../../shared/result.js';
import { tokenNotFound } from '../not-found.js';
import { faultClause, TransientFault } from '../providers/transient-fault.js';
import { heldSecret } from '../vault/held-secret.js';
import { confirmRevocation } from './confirm-revocation.js';
import { afterFault, afterRefusal } from './revocation-answers.js';
import { auditRevocation, noteAliveAtRequest, revocationResult, type RevocationParts } from './revocation-record.js';

/** The revocation asked, by API where the provider has one for this kind of token, else by hand; recorded before anything is sent. */
async function requestRevocation(rp: RevocationParts, record: TokenRecord, secret: string) {
  const { session } = rp;
  const { store, now } = rp.parts;
  const { id } = record;
  const adapter = session.adapterOf(record);
  const type = session.tokenType(record, secret);
  const method: Revocation['method'] =
    adapter?.revoke && type?.revocable && session.baseUrlOf(record) ? 'api' : 'manual';
  const requested: Revocation = {
    requestedAt: new Date(now()).toISOString(),
    confirmedAt: null,
    method,
    target: 'this',
  };
  await store.update((vault) => {
    const current = vault.tokens[id];
    // Asked again (a one-time code, a retry): what the provider showed the first time still counts.
    if (current)
      vault.tokens[id] = {
        ...current,
        revocation: {
          ...requested,
          ...(current.revocation?.aliveAtRequest && !current.revocation.confirmedAt ? { aliveAtRequest: true } : {}),
        },
      };
  });
  return { adapter, type, method };
}

/** Revoke one token, then confirm: asking is not enough, only a verify that shows it dead marks it revoked. */
export async function revokeOneToken(rp: RevocationParts, id: string, otp?: string): Promise<Result<RevokeResult>> {
  const { session } = rp;
  const { store } = rp.parts;
  const record = (await store.read()).tokens[id];
  if (!record) return tokenNotFound(id);
  if (record.revokedAt) return revocationResult(rp, id, 'revoked', 'Already revoked and confirmed dead.');
  const held = await heldSecret(
    rp.parts,
    id,
    "The OS keychain has no entry for this token, so Lapse can neither revoke nor verify it. Revoke it in the provider's settings, then delete it here.",
  );
  if (!held.ok) return held;
  const { secret } = held;
  const { adapter, type, method } = await requestRevocation(rp, record, secret);
  if (method === 'manual' || !adapter?.revoke) {
    const how =
      type && !type.revocable && adapter?.revoke
        ? `by hand: ${providerNames[record.provider]} has no revocation API for ${type.name}s`
        : "by hand in the provider's settings (no revocation API)";
    auditRevocation(
      rp,
      record,
      `Revocation to be done ${how}; it counts once a verify shows the token dead, or you confirm it.`,
    );
    return confirmRevocation(rp, id);
  }
  try {
    const said = await adapter.revoke({
      ...session.contextFor(record, secret),
      ...(otp ? { otp } : {}),
      sawAlive: () => noteAliveAtRequest(rp, id),
    });
    if (said.outcome === 'needs-otp') {
      auditRevocation(rp, record, `Revocation not sent: ${said.message}`);
      return revocationResult(rp, id, 'pending', said.message, { needsOtp: true });
    }
    if (said.outcome === 'refused') return afterRefusal(rp, record, said.message);
    auditRevocation(
      rp,
      record,
      `Revocation requested by API; the provider accepted it${said.note ? ` (${faultClause(said.note)})` : ''}.`,
    );
  } catch (error) {
    if (!(error instanceof TransientFault)) throw error;
    return afterFault(rp, record, error);
  }
  return confirmRevocation(rp, id);
}
