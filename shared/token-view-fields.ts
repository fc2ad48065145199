import type { TokenView } from './model.js';

/** The exact field order of `lapse list --json` / `lapse show --json`. */
export const tokenViewFields = [
  'id',
  'label',
  'provider',
  'kind',
  'account',
  'scopes',
  'purpose',
  'tags',
  'baseUrl',
  'createdAt',
  'expiresAt',
  'lastVerifiedAt',
  'lastUsedAt',
  'lastRotatedAt',
  'status',
  'findings',
  'masked',
  'fingerprint',
] as const satisfies readonly (keyof TokenView)[];
