import type { TokenView } from '../../../shared/model.js';
import { useVerifySupport } from '../verify/useVerifySupport.js';

/**
 * Whether only the person can settle this token's revocation: Lapse cannot verify its provider, so
 * no check will ever show the old value dead. False until the service said which providers it verifies.
 */
export function useSettledByHand(token: TokenView): boolean {
  const support = useVerifySupport();
  return support !== null && !support.has(token.provider);
}
