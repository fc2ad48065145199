import type { ImportResult, ScanFinding } from '../../shared/contract/discovery-calls.js';
import { providerNames, type TokenRecord } from '../../shared/model.js';
import { secretProblem } from '../../shared/secret-rules.js';
import { safeText } from '../../shared/terminal-text.js';
import { recordAudit } from '../audit/audit-log.js';
import type { ServiceParts } from '../service-parts.js';
import { tokenCalls } from '../vault/token-calls.js';
import { readSpan } from './read-span.js';
import type { ScanBook } from './scan-book.js';
import { userHomeOf } from './scan-calls.js';

/** What happened to one finding an import was asked for. */
export type ImportOutcome = ImportResult['results'][number];

/** A finished scan as the scan book keeps it: findings, and where each secret's span is. */
export type SavedScan = NonNullable<Awaited<ReturnType<ScanBook['saved']>>>;

const maxLabel = 120;

/** A file path as every face shows it: terminal-safe, one line. The real path stays in the saved scan. */
export const shownPath = (file: string) => safeText(file, 4096);

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
function notImportable(finding: ScanFinding): ImportOutcome | null {
  const failed = (message: string): ImportOutcome => ({
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

/** The vault already holds this secret: the scan tied it to a token, or a token has its fingerprint and masked form. */
function alreadyHeld(finding: ScanFinding, tokens: Record<string, TokenRecord>): ImportOutcome | null {
  const held =
    (finding.tokenId && tokens[finding.tokenId]) ||
    Object.values(tokens).find((t) => t.fingerprint === finding.fingerprint && t.masked === finding.masked);
  if (!held) return null;
  return {
    n: finding.n,
    outcome: 'already-in-vault',
    tokenId: held.id,
    label: held.label,
    message: `Already in the vault as "${held.label}".`,
  };
}

/**
 * Notes on the new token where it came from and that the copy is still there (exposed), and
 * audits it. Answers what was written, for the caller's copy of the tokens.
 */
async function markImported(
  { store, now }: ServiceParts,
  finding: ScanFinding,
  scanId: string,
  tokenId: string,
  label: string,
): Promise<Pick<TokenRecord, 'importedFrom' | 'exposures'>> {
  const importedFrom = {
    file: shownPath(finding.file),
    line: finding.line,
    scanId,
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
    detail: `Imported from plaintext at ${shownPath(finding.file)}:${finding.line} (scan ${scanId}); that copy is still there until it is removed.`,
    at: now(),
  });
  return { importedFrom, exposures: [exposure] };
}

/**
 * Imports one finding of a saved scan into the keychain: refused for private keys and history
 * copies, skipped when the vault holds it, re-read from its file (which must still hold the same
 * value), then stored like any added token. `tokens` is the caller's copy of the vault's tokens,
 * kept current so a secret found twice in one scan is stored once.
 */
export function findingImporter(
  parts: ServiceParts,
): (finding: ScanFinding, scan: SavedScan, tokens: Record<string, TokenRecord>) => Promise<ImportOutcome> {
  const vaultCalls = tokenCalls(parts);
  return async (finding, scan, tokens) => {
    const { n } = finding;
    const refused = notImportable(finding) ?? alreadyHeld(finding, tokens);
    if (refused) return refused;
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
    const marks = await markImported(parts, finding, scan.scanId, tokenId, label);
    tokens[tokenId] = { ...added.value, ...marks };
    return { n, outcome: 'imported', tokenId, label, message: `Stored "${label}" in the OS keychain.` };
  };
}
