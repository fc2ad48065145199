// The default policy and how overrides layer on it, without zod: evaluating a token needs these, not the schemas.
import type { Policy, PolicyOverride } from './policy.js';

export const defaultPolicy: Policy = {
  warningDays: 14,
  maxLifetimeDays: 90,
  rotationDays: 90,
  unverifiedDays: 30,
  unusedDays: 30,
  requireExpiry: true,
  forbiddenScopes: {},
  threshold: 'warning',
  refreshDays: 'any',
  refreshHours: 'any',
  refreshTrustDays: 0,
};

/** Defaults, then the vault's overrides, then the token's own. */
export const effectivePolicy = (...layers: (PolicyOverride | undefined)[]): Policy =>
  Object.assign({}, defaultPolicy, ...layers.filter(Boolean));
