import type { RevokeResult } from '../../shared/contract/revocation-calls.js';
import type { VerifyApi } from '../../shared/contract/verify-calls.js';
import type { Result } from '../../shared/result.js';
import type { ProviderSession } from '../providers/provider-session.js';
import type { ServiceParts } from '../service-parts.js';
import { confirmRevocation } from './confirm-revocation.js';
import { revokeMany } from './revoke-batch.js';
import { revokeOneToken } from './revoke-one-token.js';

export interface Revoker {
  /** `otp`: the one-time code the person gave, where the provider asked for one (npm under two-factor auth). */
  revoke(id: string, otp?: string): Promise<Result<RevokeResult>>;
  /**
   * Revoke many: where a provider takes a list (GitHub's /credentials/revoke, up to 1,000 tokens a
   * request and 60 requests an hour per address), one request for the lot, then a verify of each;
   * the rest one by one. Every id gets its answer.
   */
  revokeMany(ids: string[]): Promise<Map<string, Result<RevokeResult>>>;
  /** `byHand`: the person says they revoked it; accepted only where Lapse cannot verify (or has nothing left to verify). */
  confirm(id: string, byHand?: boolean): Promise<Result<RevokeResult>>;
}

/**
 * Revoke, then confirm: asking is not enough, only a verify that shows the token dead marks it
 * revoked (and moves its secret out of the keychain). Every fault leaves it revocation-pending.
 */
export function revoker(parts: ServiceParts, session: ProviderSession, verify: VerifyApi): Revoker {
  const rp = { parts, session, verify };
  return {
    revoke: (id, otp) => revokeOneToken(rp, id, otp),
    confirm: (id, byHand = false) => confirmRevocation(rp, id, byHand),
    revokeMany: (ids) => revokeMany(rp, ids),
  };
}
