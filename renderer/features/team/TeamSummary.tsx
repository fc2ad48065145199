import type { TeamView } from '../../../shared/api.js';
import { severityCounts } from '../../../shared/report/team-counts.js';
import { plural } from './teamWords.js';

/** The verdict (what `lapse team` exits on), the team's counts, and the files that could not be read. */
export function TeamSummary({ view }: { view: TeamView }) {
  const c = severityCounts(view.totals.byStatus);
  const sum = (pick: (m: TeamView['machines'][number]) => number) => view.machines.reduce((n, m) => n + pick(m), 0);
  const failingPlaces = new Set(view.check.failing.map((f) => f.key ?? f.file)).size;
  const edited = view.reports.filter((r) => r.integrity === 'edited');
  const cards: [string, number][] = [
    ['Machines', view.totals.machines],
    ['Tokens', view.totals.tokens],
    ['Critical', c.critical],
    ['Warning', c.warning],
    ['No expiry', sum((m) => m.withoutExpiry.length)],
    ['Exposed', sum((m) => m.exposed.length)],
    ['Pending revocation', sum((m) => m.pendingRevocations.length)],
    ['Shared tokens', view.totals.shared],
  ];
  return (
    <>
      <section className="report-card team-verdict" aria-labelledby="team-check-title">
        <h3 id="team-check-title">
          Team check (<code>lapse team</code>)
        </h3>
        {view.check.passed ? (
          <p className="check-verdict tone-healthy">
            <span aria-hidden="true">✓ </span>Passes
          </p>
        ) : (
          <p className="check-verdict tone-critical">
            <span aria-hidden="true">✕ </span>Fails: {plural(view.check.failing.length, 'finding')} on{' '}
            {plural(failingPlaces, 'machine or report', 'machines or reports')}
          </p>
        )}
        <p className="hint">
          {plural(view.totals.files, 'report')} read from {plural(view.totals.machines, 'machine')}, judged by{' '}
          {view.policy.source === 'file' ? (
            <>each machine&rsquo;s policy with {view.policy.file} on top</>
          ) : (
            <>each machine&rsquo;s own policy</>
          )}
          .
        </p>
      </section>
      <ul className="team-cards" aria-label="Team totals">
        {cards.map(([name, n]) => (
          <li key={name} className="team-card">
            <span className="team-card-name">{name}</span>
            <span className="team-card-count">{n}</span>
          </li>
        ))}
      </ul>
      {(view.problems.length > 0 || edited.length > 0) && (
        <section className="banner banner-warning team-problems" aria-labelledby="team-problems-title">
          <div className="banner-text">
            <h3 id="team-problems-title">
              {view.problems.length > 0 && `${plural(view.problems.length, 'file')} not read`}
              {view.problems.length > 0 && edited.length > 0 && ', '}
              {edited.length > 0 && `${plural(edited.length, 'report')} edited after it was written`}
            </h3>
            <ul>
              {view.problems.map((p) => (
                <li key={p.file}>{p.message}</li>
              ))}
              {edited.map((r) => (
                <li key={r.file}>
                  {r.file}: its integrity line does not match its content. Ask its owner for a fresh report.
                </li>
              ))}
            </ul>
          </div>
        </section>
      )}
    </>
  );
}
