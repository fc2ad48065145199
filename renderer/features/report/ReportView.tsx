import { shortDate } from '../tokens/dates.js';
import { ExportButtons } from './ExportButtons.js';
import { PolicyCheckCard } from './PolicyCheckCard.js';
import { ReportLabelForm } from './ReportLabelForm.js';
import { ReportSummary } from './ReportSummary.js';
import { ReportTable } from './ReportTable.js';
import { thresholdWords } from './reportWords.js';
import { useReport } from './useReport.js';

interface ReportViewProps {
  /** Open a token in the list (its label in the table becomes a button). */
  onOpen?(id: string): void;
}

/** The team-lead hygiene report: summary, policy check and every token, exportable as md, json, html or csv. */
export function ReportView({ onOpen }: ReportViewProps) {
  const { report, check, error, loading, reload } = useReport();
  return (
    <section className="report" aria-labelledby="report-title" aria-busy={loading}>
      <div className="report-head">
        <div className="report-heading">
          <h2 id="report-title">Report</h2>
          <p className="hint">
            Token hygiene of this machine{report?.machine ? ` (${report.machine})` : ''}, ready to share: metadata and
            findings, never a secret.
            {report && (
              <>
                {' '}
                Written {shortDate(report.generatedAt)}; judged by the vault&rsquo;s policy, which fails the check on{' '}
                {thresholdWords[report.policy.threshold]}.
              </>
            )}
          </p>
        </div>
        <button type="button" onClick={() => void reload()} disabled={loading}>
          {loading ? 'Reading…' : 'Refresh'}
        </button>
      </div>
      <ExportButtons />
      <ReportLabelForm onSaved={reload} />
      {error && (
        <div className="banner banner-critical" role="alert">
          <div className="banner-text">
            <h3>The report could not be written</h3>
            <p>{error}</p>
          </div>
        </div>
      )}
      {!report && !error && (
        <p className="placeholder" role="status">
          Writing the report…
        </p>
      )}
      {report && (
        <>
          <div className="report-cards">
            {check && <PolicyCheckCard check={check} />}
            <ReportSummary summary={report.summary} />
          </div>
          <section className="report-card report-tokens" aria-labelledby="report-tokens-title">
            <h3 id="report-tokens-title">
              Tokens <span className="muted">({report.tokens.length})</span>
            </h3>
            <ReportTable tokens={report.tokens} generatedAt={report.generatedAt} onOpen={onOpen} />
          </section>
        </>
      )}
    </section>
  );
}
