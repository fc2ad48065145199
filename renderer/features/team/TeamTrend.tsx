import type { TeamView } from '../../../shared/api.js';
import { day, signed } from './teamWords.js';
import { NumberHeads } from '../../lib/NumberHeads.js';

const barWidth = 200;
const half = barWidth / 2 - 18;

/** Findings closed (green, to the left of the line) and opened (red, to the right), with their counts. */
function TrendBar({ closed, opened, most }: { closed: number; opened: number; most: number }) {
  const w = (n: number) => (n / most) * half;
  const mid = barWidth / 2;
  return (
    <svg
      className="team-bar-chart"
      viewBox={`0 0 ${barWidth} 16`}
      width={barWidth}
      height={16}
      role="img"
      aria-label={`${closed} findings closed, ${opened} opened`}
    >
      <rect className="team-bar-closed" x={mid - w(closed)} y={3} width={w(closed)} height={10} rx={2} />
      <rect className="team-bar-opened" x={mid} y={3} width={w(opened)} height={10} rx={2} />
      <line className="team-bar-axis" x1={mid} x2={mid} y1={0} y2={16} />
      <text className="team-bar-count" x={mid - w(closed) - 3} y={12} textAnchor="end">
        {closed}
      </text>
      <text className="team-bar-count" x={mid + w(opened) + 3} y={12}>
        {opened}
      </text>
    </svg>
  );
}

/** Per machine, its newest report against its older one: a bar of findings closed and opened, and the counts. */
export function TeamTrend({ trend }: { trend: NonNullable<TeamView['trend']> }) {
  const most = Math.max(1, ...trend.machines.map((t) => Math.max(t.opened.length, t.closed.length)));
  const better = trend.machines.filter((t) => t.failingAfter < t.failingBefore).length;
  const worse = trend.machines.filter((t) => t.failingAfter > t.failingBefore).length;
  return (
    <section className="report-card team-wide" aria-labelledby="team-trend-title">
      <h3 id="team-trend-title">Trend</h3>
      <p className="hint">
        Each machine&rsquo;s newest report against its older one:{' '}
        <span className="severity-healthy">{better} better</span>,{' '}
        <span className="severity-critical">{worse} worse</span>, {trend.machines.length - better - worse} steady
        (findings failing the check).
      </p>
      <div className="team-scroll">
        <table className="report-table team-table">
          <caption className="visually-hidden">What changed per machine</caption>
          <thead>
            <tr>
              <th scope="col">Machine</th>
              <th scope="col">Reports</th>
              <th scope="col" className="team-bars-head">
                <span aria-hidden="true">◀ </span>closed · opened<span aria-hidden="true"> ▶</span>
              </th>
              <NumberHeads names={['Added', 'Removed', 'Rotated', 'Revoked', 'Failing']} />
            </tr>
          </thead>
          <tbody>
            {trend.machines.map((t) => (
              <tr key={t.key}>
                <th scope="row">
                  <span className="report-label">{t.name}</span>
                </th>
                <td>
                  {day(t.from.generatedAt)} → {day(t.to.generatedAt)}
                </td>
                <td className="team-bars">
                  <TrendBar closed={t.closed.length} opened={t.opened.length} most={most} />
                </td>
                <td className="num">{t.added.length}</td>
                <td className="num">{t.removed.length}</td>
                <td className="num">{t.rotated.length}</td>
                <td className="num">{t.revoked.length}</td>
                <td className="num">
                  {t.failingBefore} → {t.failingAfter}{' '}
                  <span
                    className={
                      t.failingAfter < t.failingBefore
                        ? 'severity-healthy'
                        : t.failingAfter > t.failingBefore
                          ? 'severity-critical'
                          : 'muted'
                    }
                  >
                    ({signed(t.failingAfter - t.failingBefore)})
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All</th>
              <td />
              <td>
                {trend.totals.closed} closed · {trend.totals.opened} opened
              </td>
              <td className="num">{trend.totals.added}</td>
              <td className="num">{trend.totals.removed}</td>
              <td className="num">{trend.totals.rotated}</td>
              <td className="num">{trend.totals.revoked}</td>
              <td className="num">
                {trend.totals.failingBefore} → {trend.totals.failingAfter} (
                {signed(trend.totals.failingAfter - trend.totals.failingBefore)})
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
