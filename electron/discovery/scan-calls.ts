import os from 'node:os';
import path from 'node:path';
import type { DiscoveryApi } from '../../shared/contract/discovery-calls.js';
import { fail, ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import type { ServiceParts } from '../service-parts.js';
import { assembleFindings } from './assemble-findings.js';
import { recordExposures } from './record-exposures.js';
import { runScan } from './run-scan.js';
import type { ScanBook } from './scan-book.js';
import { newScanId, saveScan, type SavedScan } from './scan-records.js';
import { defaultLimits, type ScanLimits } from './scan-types.js';
import { vaultDigest } from './vault-digest.js';

/** The user's home folder: HOME (tests point it at a temporary folder), else the OS's answer. */
export const userHome = (): string => process.env['HOME'] || os.homedir();

const expand = (p: string, home: string) => path.resolve(p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p);

const notFound = (scanId: string) => fail('not-found', `No scan with id ${scanId}: it may be older than the 20 Lapse keeps. Scan again.`);

/** Start, follow and cancel scans. */
export function scanCalls({ keychain, store, now }: ServiceParts, book: ScanBook, folder: string, limits: ScanLimits = defaultLimits): Pick<DiscoveryApi, 'startScan' | 'getScan' | 'cancelScan'> {
  return {
    startScan: ({ paths = [], knownLocations = false }) =>
      guarded(async () => {
        const running = book.runningId;
        if (running) return fail('invalid-input', `Scan ${running} is still running: wait for it, or cancel it first.`);
        const home = userHome();
        const startedAt = new Date(now()).toISOString();
        const scanId = newScanId(now());
        const records = Object.values((await store.read()).tokens);
        const { digest, missing, warning } = await vaultDigest(keychain, records);
        const request = { paths: paths.map((p) => expand(p, home)), knownLocations, userHome: home };
        const scan = runScan(request, digest, limits);
        book.begin(scanId, scan, async () => {
          const raw = await scan.done;
          const { findings, spans } = assembleFindings(raw, missing);
          const finishedAt = new Date(now()).toISOString();
          const warnings = warning ? [warning] : [];
          const missingPaths = request.paths.length > 0 && raw.skipped.reasons['not-found'] ? ['Some paths given do not exist; they were skipped.'] : [];
          const saved: SavedScan = {
            version: 1,
            scanId,
            startedAt,
            finishedAt,
            paths,
            knownLocations,
            scanned: raw.scanned,
            findings,
            skipped: { files: raw.skipped.files, reasons: raw.skipped.reasons as Record<string, number> },
            warnings: [...warnings, ...missingPaths],
            spans,
          };
          await saveScan(folder, saved);
          const exposed = findings.flatMap((f) => (f.tokenId ? [{ tokenId: f.tokenId, file: f.file, line: f.line }] : []));
          await recordExposures(store, exposed, finishedAt);
          return saved;
        });
        return ok({ scanId });
      }),

    getScan: ({ scanId, waitMs }) =>
      guarded(async () => {
        const state = await book.state(scanId, waitMs);
        return state ? ok(state) : notFound(scanId);
      }),

    cancelScan: ({ scanId }) =>
      guarded(async () => {
        book.cancel(scanId);
        const state = await book.state(scanId, 5000);
        return state ? ok(state) : notFound(scanId);
      }),
  };
}
