import type { MetadataStore } from './metadata-store.js';

export const secretMissingMessage =
  'The OS keychain has no entry for this token. Its metadata is kept: if Lapse runs with another keyring than usual, start it with the usual one; otherwise paste the value again (Restore the value) or delete this record.';

/**
 * Record which tokens have no keychain entry (`missing`) and which have one again (`present`):
 * only records whose state changes are written. Resolves to whether anything changed.
 */
export async function markSecretPresence(
  store: MetadataStore,
  { missing = [], present = [] }: { missing?: string[]; present?: string[] },
  now: number,
): Promise<boolean> {
  const vault = await store.read();
  const flip =
    missing.some((id) => vault.tokens[id] && !vault.tokens[id].secretMissingSince) ||
    present.some((id) => vault.tokens[id]?.secretMissingSince);
  if (!flip) return false;
  const at = new Date(now).toISOString();
  return store.update((v) => {
    let changed = false;
    for (const id of missing) {
      const record = v.tokens[id];
      if (record && !record.secretMissingSince) {
        record.secretMissingSince = at;
        changed = true;
      }
    }
    for (const id of present) {
      const record = v.tokens[id];
      if (record?.secretMissingSince) {
        delete record.secretMissingSince;
        changed = true;
      }
    }
    return changed;
  });
}

/** A read found no entry for these tokens. */
export const markSecretsMissing = (store: MetadataStore, ids: string[], now: number) =>
  markSecretPresence(store, { missing: ids }, now);
