import type { TeamView } from '../../shared/report/team-model.js';
import { clip, escapeHtml as e } from './html-escape.js';
import { statusColor } from './report-palette.js';

const width = 720;
const labelWidth = 190;
const rowHeight = 24;
const top = 26;
/** More rows than this and the chart shows the biggest changes; the table has every machine. */
export const trendChartRows = 30;

/**
 * The trend as a diverging bar chart (inline SVG, no script): per machine, findings closed
 * since its older report to the left in green, findings opened to the right in red, with the
 * counts at the bars' ends. Machines with the biggest changes first.
 */
export function trendChart(trend: NonNullable<TeamView['trend']>): string {
  const rows = [...trend.machines]
    .sort((a, b) => b.opened.length + b.closed.length - (a.opened.length + a.closed.length))
    .slice(0, trendChartRows);
  const most = Math.max(1, ...rows.map((t) => Math.max(t.opened.length, t.closed.length)));
  const half = (width - labelWidth - 60) / 2;
  const axis = labelWidth + 30 + half;
  const scale = (n: number) => (n / most) * half;
  const height = top + rows.length * rowHeight + 8;
  const bars = rows.map((t, i) => {
    const y = top + i * rowHeight;
    const closed = scale(t.closed.length);
    const opened = scale(t.opened.length);
    const what = `${t.name}: ${t.closed.length} closed, ${t.opened.length} opened (failing ${t.failingBefore} → ${t.failingAfter})`;
    return [
      `<g><title>${e(what)}</title>`,
      `<text x="${labelWidth}" y="${y + 16}" text-anchor="end" class="row-label">${e(clip(t.name, 28))}</text>`,
      t.closed.length
        ? `<rect x="${(axis - closed).toFixed(1)}" y="${y + 4}" width="${closed.toFixed(1)}" height="${rowHeight - 8}" rx="3" fill="${statusColor.healthy}"/>`
        : '',
      t.opened.length
        ? `<rect x="${axis.toFixed(1)}" y="${y + 4}" width="${opened.toFixed(1)}" height="${rowHeight - 8}" rx="3" fill="${statusColor.expired}"/>`
        : '',
      `<text x="${(axis - closed - 4).toFixed(1)}" y="${y + 16}" text-anchor="end" class="count">${t.closed.length}</text>`,
      `<text x="${(axis + opened + 4).toFixed(1)}" y="${y + 16}" class="count">${t.opened.length}</text>`,
      '</g>',
    ].join('');
  });
  const more = trend.machines.length - rows.length;
  return [
    `<svg class="trend-chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${e(`Findings closed and opened per machine: ${trend.totals.closed} closed, ${trend.totals.opened} opened in all`)}">`,
    `<text x="${axis - 8}" y="14" text-anchor="end" class="axis">◀ closed</text>`,
    `<text x="${axis + 8}" y="14" class="axis">opened ▶</text>`,
    `<line x1="${axis}" y1="${top - 4}" x2="${axis}" y2="${height - 4}" class="zero"/>`,
    ...bars,
    '</svg>',
    more > 0 ? `<p class="muted">The ${rows.length} machines with the most change; ${more} more in the table.</p>` : '',
  ].join('\n');
}
