import type { TeamTokenRef, TeamView } from '../../../shared/api.js';
import { severityCounts } from '../../../shared/report/team-counts.js';
import { day } from './teamWords.js';
import { NumberHeads } from '../../lib/NumberHeads.js';

const Count = ({ refs }: { refs: TeamTokenRef[] }) => (
  <td className="num" title={refs.map((r) => r.label).join(', ') || undefined}>
    {refs.length}
    {refs.length > 0 && <span className="team-refs">{refs.map((r) => r.label).join(', ')}</span>}
  </td>
);

/** Per machine (its newest report): counts by severity and the tokens that need a look. */
export function TeamMachines({ view }: { view: TeamView }) {
  return (
    <section className="report-card team-wide" aria-labelledby="team-machines-title">
      <h3 id="team-machines-title">
        Machines <span className="muted">({view.machines.length})</span>
      </h3>
      <div className="team-scroll">
        <table className="report-table team-table">
          <caption className="visually-hidden">Machines, worst first</caption>
          <thead>
            <tr>
              <th scope="col">Machine</th>
              <NumberHeads
                names={[
                  'Tokens',
                  'Critical',
                  'Warning',
                  'No expiry',
                  'Exposed',
                  'Pending revocation',
                  'Beyond max lifetime',
                  'Shared',
                ]}
              />
              <th scope="col">Check</th>
            </tr>
          </thead>
          <tbody>
            {view.machines.map((m) => {
              const c = severityCounts(m.byStatus);
              return (
                <tr key={m.key}>
                  <th scope="row">
                    <span className="report-label">{m.name}</span>
                    <span className="team-sub">
                      report of {day(m.generatedAt)}
                      {m.integrity === 'edited' && <span className="status tone-critical team-tag">edited</span>}
                      {m.integrity === 'absent' && <span className="status tone-info team-tag">version 1</span>}
                    </span>
                  </th>
                  <td className="num">{m.tokenCount}</td>
                  <td className="num">{c.critical}</td>
                  <td className="num">{c.warning}</td>
                  <Count refs={m.withoutExpiry} />
                  <Count refs={m.exposed} />
                  <Count refs={m.pendingRevocations} />
                  <Count refs={m.beyondMaxLifetime} />
                  <Count refs={m.shared} />
                  <td>
                    {m.check.passed ? (
                      <span className="status tone-healthy">Passes</span>
                    ) : (
                      <span className="status tone-critical">Fails ({m.check.failingCount})</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Per provider across the team: machines, tokens, critical ones, no expiry, shared. */
export function TeamProviders({ view }: { view: TeamView }) {
  return (
    <section className="report-card" aria-labelledby="team-providers-title">
      <h3 id="team-providers-title">Providers</h3>
      <table className="report-counts">
        <caption className="visually-hidden">Tokens by provider across the team</caption>
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <NumberHeads names={['Machines', 'Tokens', 'Critical', 'No expiry', 'Shared']} />
          </tr>
        </thead>
        <tbody>
          {view.providers.map((p) => (
            <tr key={p.provider}>
              <th scope="row">{p.providerName}</th>
              <td className="num">{p.machineCount}</td>
              <td className="num">{p.tokenCount}</td>
              <td className="num">{severityCounts(p.byStatus).critical}</td>
              <td className="num">{p.withoutExpiry}</td>
              <td className="num">{p.shared}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
