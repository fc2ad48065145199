import type { DiscoveryApi, ScanFinding } from '../../shared/contract/discovery-calls.js';
import { fail, ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import type { ServiceParts } from '../service-parts.js';
import { findingImporter, shownPath, type ImportOutcome, type SavedScan } from './import-finding.js';
import { plaintextAdvice } from './plaintext-advice.js';
import type { ScanBook } from './scan-book.js';
import { saveScan } from './scan-records.js';

/** Import findings of a saved scan into the keychain. */
export function importCalls(parts: ServiceParts, book: ScanBook, folder: string): Pick<DiscoveryApi, 'importFindings'> {
  const importOne = findingImporter(parts);
  return {
    importFindings: ({ scanId, findings: chosen, all }) =>
      guarded(async () => {
        const scan = await book.saved(scanId);
        if (!scan)
          return fail(
            'not-found',
            `No finished scan with id ${scanId}: it may still be running, or be older than the 20 Lapse keeps.`,
          );
        const unknown = (chosen ?? []).filter((n) => !scan.findings.some((f) => f.n === n));
        if (unknown.length)
          return fail(
            'invalid-input',
            `Scan ${scanId} has no finding ${unknown.join(', ')}; it has 1 to ${scan.findings.length}.`,
          );
        const picked = pickedFindings(scan, chosen, all);
        // Only findings that can be stored need the keychain (not history copies or private keys).
        if (picked.some((f) => !f.commit && !f.privateKey)) {
          const problem = await parts.keychain.probe();
          if (problem) return fail(problem.code, problem.message);
        }
        const tokens = { ...(await parts.store.read()).tokens };
        const results: ImportOutcome[] = [];
        for (const finding of picked) results.push(await importOne(finding, scan, tokens));
        await rememberStored(book, folder, scan, results);
        return ok({ results, advice: plaintextAdvice(importedCopies(scan, results)) });
      }),
  };
}

/** The findings asked for: those numbered, or with `all` every token not yet in the vault (private keys are never imported by default). */
function pickedFindings(scan: SavedScan, chosen: number[] | undefined, all: boolean | undefined): ScanFinding[] {
  return all
    ? scan.findings.filter((f) => f.tokenId === null && !f.privateKey && !f.commit)
    : scan.findings.filter((f) => chosen?.includes(f.n));
}

/** Saves the scan again with each finding now in the vault tied to its token, so a later import or a view of the scan knows. */
async function rememberStored(
  book: ScanBook,
  folder: string,
  scan: SavedScan,
  results: ImportOutcome[],
): Promise<void> {
  const stored = results.filter((r) => r.tokenId !== null);
  if (!stored.length) return;
  const updated = {
    ...scan,
    findings: scan.findings.map((f) => ({
      ...f,
      tokenId: stored.find((r) => r.n === f.n)?.tokenId ?? f.tokenId,
    })),
  };
  await saveScan(folder, updated);
  book.remember(updated);
}

/** The plaintext copies this import stored, for the advice on removing them. */
function importedCopies(scan: SavedScan, results: ImportOutcome[]): Parameters<typeof plaintextAdvice>[0] {
  return results.flatMap((r) => {
    const finding = scan.findings.find((f) => f.n === r.n);
    return r.outcome === 'imported' && r.tokenId && finding
      ? [{ source: finding.source, file: shownPath(finding.file), tokenId: r.tokenId }]
      : [];
  });
}
