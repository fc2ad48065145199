import type { TokenCapabilities } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { lastCheckCouldNotTell } from '../../../shared/check-verdict.js';
import { useVerifySupport } from '../verify/useVerifySupport.js';

/**
 * Whether the person's word may settle this token's revocation: Lapse cannot verify its provider or
 * this kind of token (a GitLab deploy token), so no check will ever show it dead; or the last check
 * got an answer that can never show it dead from here (an IP allow-list, a refusal about the
 * account), which the service re-checks before it takes the person's word. False until the service
 * has said what it can verify.
 */
export function useSettledByHand(token: TokenView, capabilities: TokenCapabilities | null): boolean {
  const support = useVerifySupport();
  if (support === null) return false;
  if (!support.has(token.provider) || capabilities?.verifiable === false) return true;
  return (
    token.status === 'revocation-pending' &&
    token.revocation?.target !== 'previous' &&
    lastCheckCouldNotTell(token.verification)
  );
}
