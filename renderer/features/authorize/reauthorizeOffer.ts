import type { FindingCode } from '../../../shared/finding-codes.js';
import type { TokenView } from '../../../shared/model.js';

/**
 * Where Reauthorize is offered: the token holds more than its purpose (out-of-scope, scope-widened)
 * or no longer works (disconnected — which is also where a rotation that ended in "authorize again"
 * leaves it). A new grant with the declared scopes is the fix for each. An OAuth token can always
 * be reauthorized (its issuer signs the person in again), so it is offered there whatever its state:
 * to narrow it, or to change what it may call.
 */
export const reauthorizeCodes: readonly FindingCode[] = ['out-of-scope', 'scope-widened', 'disconnected'];

export const offersReauthorize = (token: Pick<TokenView, 'findings' | 'revokedAt' | 'provider'>): boolean =>
  token.revokedAt === null &&
  (token.provider === 'oauth2' || token.findings.some((f) => reauthorizeCodes.includes(f.code)));
