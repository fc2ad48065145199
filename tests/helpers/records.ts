import { randomUUID } from 'node:crypto';
import { tokenRecordFrom, type TokenRecord, type TokenRecordInput } from '../../shared/model.js';

/**
 * A valid token record (metadata only, no secret), with defaults a test can override. Built
 * through the model's own schema, so fields added to the model later get their defaults.
 */
export function makeRecord(overrides: Partial<TokenRecordInput> = {}): TokenRecord {
  return tokenRecordFrom({
    id: randomUUID(),
    label: 'test token',
    provider: 'generic',
    kind: 'API key',
    account: null,
    scopes: [],
    purpose: '',
    tags: [],
    baseUrl: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: null,
    lastVerifiedAt: null,
    lastUsedAt: null,
    lastRotatedAt: null,
    masked: '••••',
    fingerprint: '0123abcd',
    ...overrides,
  });
}
