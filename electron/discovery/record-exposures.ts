import type { Exposure, TokenRecord } from '../../shared/model.js';
import type { MetadataStore } from '../vault/metadata-store.js';

const keptExposures = 50;

/**
 * Mark vault tokens whose value a scan found in plaintext: one exposure per file and line, the
 * newest first. Copies seen again get the new date, so a copy still there after a rotation counts.
 */
export async function recordExposures(store: MetadataStore, found: { tokenId: string; file: string; line: number }[], foundAt: string): Promise<void> {
  if (found.length === 0) return;
  const byToken = new Map<string, { file: string; line: number }[]>();
  for (const f of found) byToken.set(f.tokenId, [...(byToken.get(f.tokenId) ?? []), f]);
  await store.update((vault) => {
    for (const [tokenId, places] of byToken) {
      const record: TokenRecord | undefined = vault.tokens[tokenId];
      if (!record) continue;
      const fresh: Exposure[] = places.map(({ file, line }) => ({ file, line, foundAt }));
      const older = (record.exposures ?? []).filter((e) => !fresh.some((f) => f.file === e.file && f.line === e.line));
      record.exposures = [...fresh, ...older].slice(0, keptExposures);
    }
  });
}
