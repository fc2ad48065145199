import type { HygieneReport } from '../../shared/report/report-model.js';
import { escapeHtml } from './html-escape.js';
import { statusColor } from './report-palette.js';
import { statusOrder } from './report-text.js';

const width = 600;
const height = 28;

/** The status breakdown as one stacked bar (inline SVG) and a legend with counts. */
export function statusChart(report: HygieneReport): string {
  const { byStatus, tokenCount } = report.summary;
  const present = statusOrder.filter((s) => byStatus[s] > 0);
  if (tokenCount === 0) return '<p class="muted">No tokens in this vault.</p>';
  let x = 0;
  const segments = present.map((status) => {
    const w = (byStatus[status] / tokenCount) * width;
    const rect = `<rect x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="${height}" fill="${statusColor[status]}" stroke="#fff" stroke-width="1"><title>${escapeHtml(`${status}: ${byStatus[status]}`)}</title></rect>`;
    x += w;
    return rect;
  });
  const legend = present.map(
    (status) =>
      `<li><span class="swatch sw-${status}"></span><span class="legend-name">${status}</span><span class="legend-count">${byStatus[status]}</span></li>`,
  );
  return [
    `<svg class="status-bar" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="Tokens by status">`,
    ...segments,
    '</svg>',
    `<ul class="legend">${legend.join('')}</ul>`,
  ].join('\n');
}
