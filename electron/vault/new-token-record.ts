import { randomUUID } from 'node:crypto';
import type { AddTokenInput } from '../../shared/api.js';
import { detectToken, maskSecret } from '../../shared/formats.js';
import type { TokenRecord } from '../../shared/model.js';
import { fingerprintOf } from './fingerprint.js';

/** The record of a token being added: what the person gave, filled in from the token itself where it tells. */
export function newTokenRecord(input: AddTokenInput, secret: string, now: number): TokenRecord {
  const detected = detectToken(secret);
  const provider = input.provider ?? detected?.provider ?? 'generic';
  const sameProvider = detected && detected.provider === provider;
  const fromToken = (sameProvider && detected.expiresAt) || null;
  const added = new Date(now).toISOString();
  // Not given: the token's own expiry (a JWT's exp) if it has one, else unknown — never a silent "never".
  const expiresAt = input.expiresAt === undefined || input.expiresAt === 'unknown' ? fromToken : input.expiresAt;
  const unknown = expiresAt === null && input.expiresAt !== null;
  return {
    id: randomUUID(),
    label: input.label.trim(),
    provider,
    kind: input.kind?.trim() || (sameProvider ? detected.kind : provider === 'generic' ? 'API key' : 'token'),
    account: null,
    scopes: input.scopes ?? [],
    // A JWT's own scope claim is what it was granted, not what its purpose needs.
    grantedScopes: sameProvider && detected.scopes ? detected.scopes : null,
    purpose: input.purpose?.trim() ?? '',
    tags: [...new Set(input.tags ?? [])],
    baseUrl: input.baseUrl ?? null,
    // The token's own issue time where it has one (its age); addedAt is when Lapse got it.
    createdAt: (sameProvider && detected.issuedAt) || added,
    addedAt: added,
    expiresAt,
    ...(unknown ? { expiryUnknown: true as const } : {}),
    lastVerifiedAt: null,
    lastUsedAt: null,
    lastRotatedAt: null,
    revokedAt: null,
    // The JWT's exp, whether the form passed it back or it was left to Lapse to read.
    expirySource:
      fromToken !== null && expiresAt !== null && Date.parse(expiresAt) === Date.parse(fromToken) ? 'jwt' : 'user',
    verification: null,
    masked: maskSecret(secret, sameProvider ? detected.prefix : ''),
    fingerprint: fingerprintOf(secret),
  };
}
