import type { HygieneReport } from '../../../shared/api.js';
import type { ProviderId } from '../../../shared/model.js';
import { CountHeader } from '../../lib/CountHeader.js';
import { shortDate } from '../tokens/dates.js';
import { providerNames } from '../tokens/providers.js';
import { StatusBadge } from '../tokens/StatusBadge.js';
import { statusOrder } from '../tokens/status.js';
import { ageWords } from './reportWords.js';

// Beyond this many, the names are left to the table below.
const namedAtMost = 10;

/** Counts by status and by provider, the oldest token and the tokens that never expire. */
export function ReportSummary({ summary }: { summary: HygieneReport['summary'] }) {
  const statuses = statusOrder.filter((s) => summary.byStatus[s] > 0);
  const providers = (Object.entries(summary.byProvider) as [ProviderId, number][]).sort(([a], [b]) =>
    providerNames[a].localeCompare(providerNames[b]),
  );
  const { oldestToken, withoutExpiry } = summary;
  return (
    <>
      <section className="report-card" aria-labelledby="report-status-title">
        <h3 id="report-status-title">By status</h3>
        <table className="report-counts" aria-labelledby="report-status-title">
          <CountHeader counted="Status" />
          <tbody>
            {statuses.map((s) => (
              <tr key={s}>
                <th scope="row">
                  <StatusBadge status={s} />
                </th>
                <td className="num">{summary.byStatus[s]}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All tokens</th>
              <td className="num">{summary.tokenCount}</td>
            </tr>
          </tfoot>
        </table>
      </section>
      <section className="report-card" aria-labelledby="report-provider-title">
        <h3 id="report-provider-title">By provider</h3>
        {providers.length === 0 ? (
          <p className="hint">No tokens in the vault yet.</p>
        ) : (
          <table className="report-counts" aria-labelledby="report-provider-title">
            <CountHeader counted="Provider" />
            <tbody>
              {providers.map(([p, n]) => (
                <tr key={p}>
                  <th scope="row">{providerNames[p]}</th>
                  <td className="num">{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="report-card" aria-labelledby="report-age-title">
        <h3 id="report-age-title">Standing access</h3>
        <dl className="report-facts">
          <div>
            <dt>Oldest token</dt>
            <dd>
              {oldestToken ? (
                <>
                  <span className="report-label">{oldestToken.label}</span>,{' '}
                  {oldestToken.ageDays === 0 ? 'added' : `${ageWords(oldestToken.ageDays)} old, added`}{' '}
                  {shortDate(oldestToken.createdAt)}
                </>
              ) : (
                <span className="muted">none</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Never expire</dt>
            <dd>
              {withoutExpiry.length === 0 ? (
                <span className="muted">none — every token expires</span>
              ) : (
                <>
                  {withoutExpiry.length} token{withoutExpiry.length === 1 ? '' : 's'}:{' '}
                  <span className="report-label">
                    {withoutExpiry
                      .slice(0, namedAtMost)
                      .map((t) => t.label)
                      .join(', ')}
                  </span>
                  {withoutExpiry.length > namedAtMost && <> and {withoutExpiry.length - namedAtMost} more</>}
                </>
              )}
            </dd>
          </div>
        </dl>
      </section>
    </>
  );
}
