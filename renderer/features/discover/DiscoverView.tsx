import { useState } from 'react';
import type { ImportResult, ScanFinding, ScanResult } from '../../../shared/api.js';
import type { TokenView } from '../../../shared/model.js';
import { lapseApi } from '../../api/lapse-api.js';
import { FindingsTable } from './FindingsTable.js';
import { ImportOutcome } from './ImportOutcome.js';
import { ScanForm } from './ScanForm.js';
import { ScanProgress } from './ScanProgress.js';
import { count, megabytes, skippedWords, tookWords } from './scanWords.js';
import { useScan } from './useScan.js';
import { FormProblem } from '../../lib/FormProblem.js';

interface DiscoverViewProps {
  /** The vault's tokens, to name the one a finding already is. */
  tokens: readonly TokenView[];
  /** After an import: read the vault again, so the list shows the new tokens. */
  onImported(): Promise<void>;
}

/** Find tokens lying in plaintext on this machine, choose some, and move them into the OS keychain. */
export function DiscoverView({ tokens, onImported }: DiscoverViewProps) {
  const scan = useScan();
  const { state } = scan;
  const busy = state.phase === 'starting' || state.phase === 'running';
  return (
    <section className="discover" aria-labelledby="discover-title">
      <div className="discover-heading">
        <h2 id="discover-title">Discover</h2>
        <p className="hint">
          Find the API tokens lying in plaintext files on this machine and move them into the OS keychain. Lapse only
          reads: it never edits your files, and no value leaves this machine.
        </p>
      </div>
      <ScanForm busy={busy} onScan={(input) => void scan.start(input)} />
      {scan.error && (
        <div className="banner banner-critical" role="alert">
          <div className="banner-text">
            <h3>The scan did not finish</h3>
            <p>{scan.error}</p>
          </div>
        </div>
      )}
      {busy && (
        <ScanProgress
          progress={state.phase === 'running' ? state.progress : null}
          onCancel={() => void scan.cancel()}
        />
      )}
      {state.phase === 'cancelled' && (
        <p className="hint" role="status">
          Scan cancelled; nothing it found was kept.
        </p>
      )}
      {state.phase === 'done' && (
        <ScanFindings key={state.result.scanId} result={state.result} tokens={tokens} onImported={onImported} />
      )}
    </section>
  );
}

interface ScanFindingsProps {
  result: ScanResult;
  tokens: readonly TokenView[];
  onImported(): Promise<void>;
}

/** One finished scan: what it read and skipped, its findings to choose from, and what importing them did. */
function ScanFindings({ result, tokens, onImported }: ScanFindingsProps) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [importing, setImporting] = useState(false);
  const [outcome, setOutcome] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const storedBy = (f: ScanFinding) => outcome?.results.find((r) => r.n === f.n && r.tokenId !== null) ?? null;
  const inVault = (f: ScanFinding) => f.tokenId !== null || storedBy(f) !== null;
  const vaultLabelOf = (f: ScanFinding) =>
    (f.tokenId !== null ? tokens.find((t) => t.id === f.tokenId)?.label : undefined) ?? storedBy(f)?.label ?? null;
  const held = result.findings.filter(inVault).length;

  const toggle = (n: number) =>
    setSelected((chosen) => {
      const next = new Set(chosen);
      if (!next.delete(n)) next.add(n);
      return next;
    });
  const toggleAll = (on: boolean) =>
    setSelected(
      new Set(on ? result.findings.filter((f) => !inVault(f) && !f.privateKey && !f.commit).map((f) => f.n) : []),
    );

  const importChosen = async () => {
    setImporting(true);
    setProblem(null);
    const answer = await lapseApi.importFindings({
      scanId: result.scanId,
      findings: [...selected].sort((a, b) => a - b),
    });
    if (answer.ok) {
      setOutcome(answer.value);
      setSelected(new Set());
      await onImported();
    } else {
      setProblem(answer.error.message);
    }
    setImporting(false);
  };

  return (
    <>
      <section className="scan-card" aria-labelledby="scan-result-title">
        <h3 id="scan-result-title">
          {result.findings.length === 0
            ? 'No plaintext tokens found'
            : `Found ${count(result.findings.length, 'plaintext token')}`}
        </h3>
        <p role="status">
          Read {count(result.scanned.files, 'file')} ({megabytes(result.scanned.bytes)}) in{' '}
          {tookWords(result.startedAt, result.finishedAt)}
          {result.findings.length > 0 &&
            `; ${held === 0 ? 'none of them is in the vault yet' : `${held} of them ${held === 1 ? 'is' : 'are'} already in the vault`}`}
          .
        </p>
        {result.skipped.files > 0 && (
          <p className="hint">
            Skipped {count(result.skipped.files, 'file')}: {skippedWords(result.skipped.reasons)}.
          </p>
        )}
        {result.engine === 'ripgrep' && (
          <p className="hint">
            Read with ripgrep: binary files, node_modules and .git folders were passed over without being counted.
          </p>
        )}
        {result.git.length > 0 && (
          <p className="hint">
            Git history read: {result.git.map((g) => g.repo).join(', ')}. Tokens found there stay exposed to anyone with
            a clone, even once removed: rotate them.
          </p>
        )}
        {result.warnings.length > 0 && (
          <ul className="scan-warnings">
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
        {result.findings.length > 0 && (
          <>
            <FindingsTable
              findings={result.findings}
              vaultLabelOf={vaultLabelOf}
              inVault={inVault}
              selected={selected}
              onToggle={toggle}
              onToggleAll={toggleAll}
            />
            <div className="form-actions scan-actions">
              <button
                type="button"
                className="primary"
                disabled={selected.size === 0 || importing}
                onClick={() => void importChosen()}
              >
                {importing ? 'Importing…' : `Import selected (${selected.size})`}
              </button>
              <p className="hint">
                Each goes into the OS keychain, tagged imported, with the file it came from recorded.
              </p>
            </div>
            <FormProblem text={problem} />
          </>
        )}
      </section>
      {outcome && <ImportOutcome outcome={outcome} />}
    </>
  );
}
