import type { ErrorCode } from '../../shared/result.js';

export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/** Usage and environment problems exit 2 (fix the call or the machine); the rest exit 1. */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'invalid-input':
    case 'keychain-unavailable':
    case 'keychain-locked':
    case 'keychain-timeout':
    case 'store-unavailable':
    case 'clipboard-unavailable':
      return exitCodes.usage;
    default:
      return exitCodes.failed;
  }
}

/** A problem with how the command was called: printed with a hint, exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
