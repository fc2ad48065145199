import type { DiscoveryApi, ImportResult, ScanFinding } from '../../shared/contract/discovery-calls.js';
import { providerNames, type TokenRecord } from '../../shared/model.js';
import { fail, ok } from '../../shared/result.js';
import { secretProblem } from '../../shared/secret-rules.js';
import { safeText } from '../../shared/terminal-text.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import type { ServiceParts } from '../service-parts.js';
import { tokenCalls } from '../vault/token-calls.js';
import { plaintextAdvice } from './plaintext-advice.js';
import { readSpan } from './read-span.js';
import type { ScanBook } from './scan-book.js';
import { saveScan } from './scan-records.js';
import { userHomeOf } from './scan-calls.js';

type Outcome = ImportResult['results'][number];

const maxLabel = 120;

/** A file path as every face shows it: terminal-safe, one line. The real path stays in the saved scan. */
const shownPath = (file: string) => safeText(file, 4096);

/** "GitHub classic PAT from ~/.npmrc": what it is and where it was found, within the label's bounds. */
export function importLabel(finding: ScanFinding, home: string): string {
  const what =
    finding.provider === 'generic'
      ? finding.kind.charAt(0).toUpperCase() + finding.kind.slice(1)
      : `${providerNames[finding.provider]} ${finding.kind}`;
  // Built from the terminal-safe path, so a planted name (escapes, a line break) still imports, shown escaped.
  const file = shownPath(finding.file);
  const where = file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file;
  const label = `${what} from ${where}`;
  if (label.length <= maxLabel) return label;
  const base = where.slice(where.lastIndexOf('/') + 1);
  return `${what} from …/${base}`.slice(0, maxLabel);
}

/** A private key, or a copy in git history: reported, never imported. */
function notImportable(finding: ScanFinding): Outcome | null {
  const failed = (message: string): Outcome => ({
    n: finding.n,
    outcome: 'failed',
    tokenId: null,
    label: null,
    message,
  });
  if (finding.privateKey) {
    return failed(
      `${finding.file}:${finding.line} is a private key, not an API token: Lapse reports it and does not import it. Protect it where it is (ssh-keygen -p -f FILE adds a passphrase; chmod 600), or move it out of the repository and replace it.`,
    );
  }
  if (finding.commit) {
    return failed(
      `This copy is in git history (commit ${finding.commit.id.slice(0, 12)}, ${finding.file}), not in a file Lapse can read again: rotate the token, since anyone with a clone has it. If a file still holds it, scan that file to import it.`,
    );
  }
  return null;
}

/** Import findings of a saved scan into the keychain. */
export function importCalls(parts: ServiceParts, book: ScanBook, folder: string): Pick<DiscoveryApi, 'importFindings'> {
  const { keychain, store, now } = parts;
  const vaultCalls = tokenCalls(parts);

  async function importOne(
    finding: ScanFinding,
    scan: NonNullable<Awaited<ReturnType<ScanBook['saved']>>>,
    tokens: Record<string, TokenRecord>,
  ): Promise<Outcome> {
    const { n } = finding;
    const refused = notImportable(finding);
    if (refused) return refused;
    const held =
      (finding.tokenId && tokens[finding.tokenId]) ||
      Object.values(tokens).find((t) => t.fingerprint === finding.fingerprint && t.masked === finding.masked);
    if (held)
      return {
        n,
        outcome: 'already-in-vault',
        tokenId: held.id,
        label: held.label,
        message: `Already in the vault as "${held.label}".`,
      };
    const span = scan.spans.find((s) => s.n === n);
    const secret = span ? await readSpan(finding.file, span, finding.fingerprint) : null;
    if (secret === null) {
      return {
        n,
        outcome: 'changed',
        tokenId: null,
        label: null,
        message: `${shownPath(finding.file)}:${finding.line} no longer holds this secret (the file changed since the scan). Scan again.`,
      };
    }
    const problem = secretProblem(secret);
    if (problem) return { n, outcome: 'failed', tokenId: null, label: null, message: problem };
    const label = importLabel(finding, userHomeOf(parts));
    const added = await vaultCalls.addToken({
      secret,
      label,
      provider: finding.provider,
      kind: finding.kind,
      tags: ['imported'],
    });
    if (!added.ok) return { n, outcome: 'failed', tokenId: null, label: null, message: added.error.message };
    const tokenId = added.value.id;
    const importedFrom = {
      file: shownPath(finding.file),
      line: finding.line,
      scanId: scan.scanId,
      at: new Date(now()).toISOString(),
    };
    // The copy the scan found is still there: the token is exposed now, as a later scan would say.
    const exposure = { file: importedFrom.file, line: finding.line, foundAt: importedFrom.at };
    await store.update((vault) => {
      const record = vault.tokens[tokenId];
      if (record) {
        record.importedFrom = importedFrom;
        record.exposures = [exposure, ...(record.exposures ?? [])].slice(0, 50);
      }
    });
    // Imported is exposed: the copy the scan found is still in plaintext in that file.
    recordAudit(store, {
      event: 'exposed',
      tokenId,
      label,
      detail: `Imported from plaintext at ${shownPath(finding.file)}:${finding.line} (scan ${scan.scanId}); that copy is still there until it is removed.`,
      at: now(),
    });
    tokens[tokenId] = { ...added.value, importedFrom, exposures: [exposure] };
    return { n, outcome: 'imported', tokenId, label, message: `Stored "${label}" in the OS keychain.` };
  }

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
        // `all` means every token not yet in the vault: private keys are never imported by default.
        const picked = all
          ? scan.findings.filter((f) => f.tokenId === null && !f.privateKey && !f.commit)
          : scan.findings.filter((f) => chosen?.includes(f.n));
        // Only findings that can be stored need the keychain (not history copies or private keys).
        if (picked.some((f) => !f.commit && !f.privateKey)) {
          const problem = await keychain.probe();
          if (problem) return fail(problem.code, problem.message);
        }
        const tokens = { ...(await store.read()).tokens };
        const results: Outcome[] = [];
        for (const finding of picked) results.push(await importOne(finding, scan, tokens));
        const stored = results.filter((r) => r.tokenId !== null);
        if (stored.length) {
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
        const imported = results.flatMap((r) => {
          const finding = scan.findings.find((f) => f.n === r.n);
          return r.outcome === 'imported' && r.tokenId && finding
            ? [{ source: finding.source, file: shownPath(finding.file), tokenId: r.tokenId }]
            : [];
        });
        return ok({ results, advice: plaintextAdvice(imported) });
      }),
  };
}
