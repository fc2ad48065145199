import { randomUUID } from 'node:crypto';
import { tokenRecordSchema, type TokenRecord } from '../../../shared/model.js';
import { createReminderScheduler } from '../../../electron/reminders/scheduler.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';

// Records only: reminders read metadata, never a secret, so no keychain is involved here.

/** A token record with obviously fake metadata; created, verified and rotated at `createdAt`. */
export function tokenRecord(fields: Partial<TokenRecord> & { label: string; createdAt: string }): TokenRecord {
  // Parsed, so fields other areas add with defaults are filled in.
  return tokenRecordSchema.parse({
    id: randomUUID(),
    provider: 'github',
    kind: 'classic PAT',
    account: null,
    scopes: [],
    grantedScopes: null,
    purpose: '',
    tags: [],
    baseUrl: null,
    expiresAt: null,
    lastVerifiedAt: fields.createdAt,
    lastUsedAt: null,
    lastRotatedAt: fields.createdAt,
    revokedAt: null,
    masked: 'ghp_…FAKE',
    fingerprint: 'deadbeef',
    ...fields,
  });
}

/** A clock a test moves by hand. */
export function testClock(startIso: string) {
  let at = Date.parse(startIso);
  return {
    now: () => at,
    set: (iso: string) => void (at = Date.parse(iso)),
    advance: (ms: number) => void (at += ms),
  };
}

/** A scheduler over the vault file in `home`, as a fresh process (or a restart) would open it. */
export const schedulerOver = (home: string, now: () => number) =>
  createReminderScheduler({ store: openMetadataStore(home), now });

/** Put records (and optionally a vault policy) into the vault file in `home`. */
export async function seedVault(
  home: string,
  records: TokenRecord[],
  policy: Record<string, number> = {},
): Promise<void> {
  await openMetadataStore(home).update((vault) => {
    for (const record of records) vault.tokens[record.id] = record;
    Object.assign(vault.policy, policy);
  });
}
