import type { TokenView } from './model.js';

/** The exact field order of `lapse list --json` / `lapse show --json`. */
export const tokenViewFields = [
  'id',
  'label',
  'provider',
  'kind',
  'account',
  'scopes',
  'grantedScopes',
  'purpose',
  'tags',
  'baseUrl',
  'createdAt',
  'addedAt',
  'expiresAt',
  'expiryUnknown',
  'lastVerifiedAt',
  'lastUsedAt',
  'lastRotatedAt',
  'status',
  'findings',
  'masked',
  'fingerprint',
] as const satisfies readonly (keyof TokenView)[];
