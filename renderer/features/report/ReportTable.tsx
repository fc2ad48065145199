import type { ReportToken } from '../../../shared/api.js';
import { describeExpiry } from '../../../shared/countdown.js';
import { exactDate, shortDate } from '../tokens/dates.js';
import { StatusBadge } from '../tokens/StatusBadge.js';
import { statusWords } from '../tokens/status.js';
import { ageWords } from './reportWords.js';

interface ReportTableProps {
  tokens: readonly ReportToken[];
  /** When the report was written: expiries read relative to it, as its findings do. */
  generatedAt: string;
  /** Open a token in the list; the label is plain text without it. */
  onOpen?(id: string): void;
}

const when = (iso: string | null) =>
  iso ? <time dateTime={iso}>{shortDate(iso)}</time> : <span className="muted">never</span>;

/** Every token as the report has it, most urgent first: status, findings, age and the lifecycle dates. */
export function ReportTable({ tokens, generatedAt, onOpen }: ReportTableProps) {
  const at = Date.parse(generatedAt);
  if (tokens.length === 0) return <p className="hint">No tokens in the vault yet.</p>;
  return (
    <table className="report-table">
      <caption className="visually-hidden">Every token, most urgent first</caption>
      <thead>
        <tr>
          <th scope="col">Token</th>
          <th scope="col">Provider</th>
          <th scope="col">Status</th>
          <th scope="col">Findings</th>
          <th scope="col" className="num">
            Age
          </th>
          <th scope="col">Expires</th>
          <th scope="col">Last verified</th>
          <th scope="col">Last rotated</th>
          <th scope="col">Last used</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.id}>
            <th scope="row">
              <div className="report-token">
                {onOpen ? (
                  <button type="button" className="link-button" onClick={() => onOpen(t.id)}>
                    {t.label}
                  </button>
                ) : (
                  <span className="report-label">{t.label}</span>
                )}
                <span className="report-sub">
                  {t.kind} · fp {t.fingerprint}
                </span>
              </div>
            </th>
            <td>{t.providerName}</td>
            <td>
              <StatusBadge status={t.status} />
            </td>
            <td>
              {t.findings.length === 0 ? (
                <span className="muted">none</span>
              ) : (
                <ul className="report-findings">
                  {t.findings.map((f) => (
                    <li key={f.code} className={`severity-${f.severity}`} title={f.message}>
                      {statusWords[f.code]}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td className="num">{ageWords(t.ageDays)}</td>
            <td className={t.expiresAt && Date.parse(t.expiresAt) <= at ? 'severity-critical' : undefined}>
              {t.expiresAt ? (
                <time dateTime={t.expiresAt} title={exactDate(t.expiresAt)}>
                  {describeExpiry(t.expiresAt, at)}
                </time>
              ) : (
                <span className="muted">never</span>
              )}
            </td>
            <td>{when(t.lastVerifiedAt)}</td>
            <td>{when(t.lastRotatedAt)}</td>
            <td>{when(t.lastUsedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
