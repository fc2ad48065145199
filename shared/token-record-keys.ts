import type { TokenRecord } from './model.js';

/**
 * Every field of a token record this Lapse knows, with no schema loaded. A record read from the
 * vault keeps the fields a later 1.x Lapse added (so this one's writes do not drop them); what it
 * shows and sends on is only these.
 */
export const tokenRecordKeys = [
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
  'revokedAt',
  'expirySource',
  'verification',
  'policy',
  'masked',
  'fingerprint',
  'exposures',
  'importedFrom',
  'revocation',
  'widenedScopes',
  'secretMissingSince',
  'providerRef',
] as const satisfies readonly (keyof TokenRecord)[];

// Fails to compile when TokenRecord gains a field this list lacks.
type Unlisted = Exclude<keyof TokenRecord, (typeof tokenRecordKeys)[number]>;
export const everyRecordKeyListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** The record's known fields only (those a later Lapse added stay in the vault, not in what is shown). */
export function knownRecordFields(record: TokenRecord): TokenRecord {
  const known: Record<string, unknown> = {};
  for (const key of tokenRecordKeys) if (key in record) known[key] = record[key];
  return known as TokenRecord;
}
