import os from 'node:os';
import path from 'node:path';
import { safeText } from '../../shared/terminal-text.js';
import type { DiscoveryApi } from '../../shared/contract/discovery-calls.js';
import { fail, ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import type { ServiceParts } from '../service-parts.js';
import { finishScan, type ScanStart } from './finish-scan.js';
import { repositoryProblem } from './git-history.js';
import { runScan, type ScanRequest } from './run-scan.js';
import type { ScanBook } from './scan-book.js';
import { newScanId, type SavedScan } from './scan-records.js';
import { defaultLimits, type ScanLimits } from './scan-types.js';
import { vaultDigest } from './vault-digest.js';

/** The user's home folder: as the service was given it, else HOME, else the OS's answer. */
export const userHomeOf = (parts: Pick<ServiceParts, 'userHome'>): string =>
  parts.userHome || process.env['HOME'] || os.homedir();

const expand = (p: string, home: string) =>
  path.resolve(p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p);

const notFound = (scanId: string) =>
  fail('not-found', `No scan with id ${scanId}: it may be older than the 20 Lapse keeps. Scan again.`);

/** The repositories a scan reads git objects of: each one's history, and the staged changes of one. */
const gitTargets = (
  gitHistory: string[],
  staged: string | undefined,
  home: string,
): NonNullable<ScanRequest['git']> => [
  ...gitHistory.map((repo) => ({ repo: expand(repo, home), mode: 'history' as const })),
  ...(staged ? [{ repo: expand(staged, home), mode: 'staged' as const }] : []),
];

/** A saved scan as the list of scans shows it. */
const scanSummary = (s: SavedScan) => ({
  scanId: s.scanId,
  startedAt: s.startedAt,
  finishedAt: s.finishedAt,
  paths: s.paths.map((p) => safeText(p, 4096)),
  knownLocations: s.knownLocations,
  findings: s.findings.length,
  inVault: s.findings.filter((f) => f.tokenId !== null).length,
  skipped: s.skipped.files,
});

/**
 * Starts a scan in the background and enters it in the book; answers its id. The vault lends it
 * the hashes of its values (read from the keychain now); when it finishes it is saved.
 */
async function beginScan(
  parts: ServiceParts,
  book: ScanBook,
  folder: string,
  limits: ScanLimits | undefined,
  { paths, knownLocations, git }: Pick<ScanStart, 'paths' | 'knownLocations' | 'git'>,
): Promise<string> {
  const { keychain, store, now } = parts;
  const home = userHomeOf(parts);
  const startedAt = new Date(now()).toISOString();
  const scanId = newScanId(now());
  const { digest, missing, warning } = await vaultDigest(keychain, Object.values((await store.read()).tokens));
  const request = { paths: paths.map((p) => expand(p, home)), knownLocations, userHome: home, git };
  // Read at each start, so LAPSE_SCAN_ENGINE set later (tests, a long-running window) counts.
  const scan = runScan(request, digest, limits ?? defaultLimits());
  const start: ScanStart = { scanId, startedAt, paths, knownLocations, git, missing, warning };
  book.begin(scanId, scan, async () => finishScan(parts, folder, start, await scan.done));
  return scanId;
}

/** Start, follow, cancel and list scans. */
export function scanCalls(
  parts: ServiceParts,
  book: ScanBook,
  folder: string,
  limits?: ScanLimits,
): Pick<DiscoveryApi, 'startScan' | 'getScan' | 'cancelScan' | 'listScans'> {
  // Set from the check until the scan is in the book, so two quick starts can't both pass.
  let starting = false;

  return {
    startScan: ({ paths = [], knownLocations = false, gitHistory = [], staged }) =>
      guarded(async () => {
        const running = book.runningId;
        if (running || starting)
          return fail(
            'invalid-input',
            `A scan${running ? ` (${running})` : ''} is still running: wait for it, or cancel it first.`,
          );
        starting = true;
        try {
          const git = gitTargets(gitHistory, staged, userHomeOf(parts));
          // A folder that is no repository, or no git at all, is the caller's to fix: say so before starting.
          for (const { repo } of git) {
            const problem = await repositoryProblem(repo);
            if (problem) return fail('invalid-input', problem);
          }
          return ok({ scanId: await beginScan(parts, book, folder, limits, { paths, knownLocations, git }) });
        } finally {
          starting = false;
        }
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

    listScans: () =>
      guarded(async () => {
        const { loadScans } = await import('./saved-scans.js');
        return ok({ running: book.runningId, scans: (await loadScans(folder)).map(scanSummary) });
      }),
  };
}
