// Without zod, so code that only evaluates tokens (the CLI's list) does not load the schemas.

/** Every finding code, worst first: the order is the severity order (shared/lifecycle.ts). */
export const findingCodes = [
  'exposed',
  'secret-missing',
  'disconnected',
  'expired',
  'revocation-pending',
  'out-of-scope',
  'scope-widened',
  'exceeds-max-lifetime',
  'no-expiry',
  'expiry-unknown',
  'expiring',
  'rotation-overdue',
  'refresh-blocked',
  'unverified',
  'unused',
  'not-verified-yet',
  'revoked',
] as const;
export type FindingCode = (typeof findingCodes)[number];
