import { isoDay } from '../../shared/countdown.js';
import type { Exposure, TokenRecord } from '../../shared/model.js';
import { recordAudits } from '../audit/audit-log.js';
import type { MetadataStore } from '../vault/metadata-store.js';

const keptExposures = 50;
const placesNamed = 3;

type Place = { file: string; line: number };

const samePlace = (a: Place, b: Place) => a.file === b.file && a.line === b.line;

/** Places already known to hold the current value: exposures and the import's source since the last rotation. */
function knownPlaces(record: TokenRecord): Place[] {
  const rotatedAt = record.lastRotatedAt ? Date.parse(record.lastRotatedAt) : -Infinity;
  const since = (at: string) => Date.parse(at) > rotatedAt;
  const from = record.importedFrom && since(record.importedFrom.at) ? [record.importedFrom] : [];
  return [...(record.exposures ?? []).filter((e) => since(e.foundAt)), ...from];
}

/** "a:1, b:2 and 3 more places" */
export function describePlaces(places: Place[]): string {
  const named = places.slice(0, placesNamed).map((p) => `${p.file}:${p.line}`);
  const more = places.length - named.length;
  return `${named.join(', ')}${more ? ` and ${more} more place${more === 1 ? '' : 's'}` : ''}`;
}

/**
 * Mark vault tokens whose value a scan found in plaintext: one exposure per file and line, the
 * newest first. Copies seen again get the new date, so a copy still there after a rotation counts.
 * The audit log gets one `exposed` line per token for places not already known to hold its current
 * value, so scanning the same files again adds nothing to it.
 */
export async function recordExposures(
  store: MetadataStore,
  found: { tokenId: string; file: string; line: number }[],
  foundAt: string,
): Promise<void> {
  if (found.length === 0) return;
  const byToken = new Map<string, Place[]>();
  for (const f of found) byToken.set(f.tokenId, [...(byToken.get(f.tokenId) ?? []), { file: f.file, line: f.line }]);
  const news = await store.update((vault) => {
    const out: { record: TokenRecord; places: Place[] }[] = [];
    for (const [tokenId, places] of byToken) {
      const record: TokenRecord | undefined = vault.tokens[tokenId];
      if (!record) continue;
      const known = knownPlaces(record);
      const unseen = places.filter((p) => !known.some((k) => samePlace(k, p)));
      if (unseen.length && !record.revokedAt) out.push({ record, places: unseen });
      const fresh: Exposure[] = places.map(({ file, line }) => ({ file, line, foundAt }));
      const older = (record.exposures ?? []).filter((e) => !fresh.some((f) => samePlace(f, e)));
      record.exposures = [...fresh, ...older].slice(0, keptExposures);
    }
    return out;
  });
  recordAudits(
    store,
    news.map(({ record, places }) => ({
      event: 'exposed' as const,
      tokenId: record.id,
      label: record.label,
      detail: `Its value (${record.masked}) was found in plaintext at ${describePlaces(places)} by the scan of ${isoDay(foundAt)}.`,
      at: Date.parse(foundAt),
    })),
  );
}
