import { describeSpan, durations, isoDay } from '../../shared/countdown.js';
import type { HygieneReport, ReportToken } from '../../shared/report/report-model.js';
import { clip, escapeHtml } from './html-escape.js';
import { statusColor } from './report-palette.js';
import { reportTime } from './report-text.js';

const { day } = durations;
const width = 1060;
const gutter = 240;
const margin = 92;
const rowHeight = 26;
const top = 40;
const maxRows = 150;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const expiryMs = (t: ReportToken) => (t.expiresAt ? Date.parse(t.expiresAt) : Infinity);

/** The span the chart shows: a month back (more for expired tokens), at least 90 days ahead, at most two years. */
function domain(tokens: ReportToken[], now: number): [number, number] {
  const expiries = tokens.map(expiryMs).filter(Number.isFinite);
  const start = Math.max(now - 180 * day, Math.min(now - 30 * day, ...expiries.map((e) => e - 7 * day)));
  const end = Math.min(now + 730 * day, Math.max(now + 90 * day, ...expiries.map((e) => e + 14 * day)));
  return [start, end];
}

function monthTicks(start: number, end: number): number[] {
  const step = end - start > 400 * day ? 3 : 1;
  const first = new Date(start);
  const ticks: number[] = [];
  for (let m = first.getUTCMonth() + 1, y = first.getUTCFullYear(); ; m += step) {
    const t = Date.UTC(y, m, 1);
    if (t > end) return ticks;
    ticks.push(t);
  }
}

// The words every other face uses ("in 9 days", "expired 2 days ago"), not a rounded "in 10 d".
const relative = (ms: number) => (ms > 0 ? `in ${describeSpan(ms)}` : `${describeSpan(ms)} ago`);

/** The plot's scale: where an instant falls on it, and the span, today and the height it was made for. */
interface TimelineScale {
  x: (ms: number) => number;
  start: number;
  end: number;
  now: number;
  plotEnd: number;
  height: number;
}

/** Behind the rows: the expiring window shaded, a line and label per month, and today's line. */
function timelineAxis(scale: TimelineScale, report: HygieneReport): string[] {
  const { x, start, end, now, height } = scale;
  const parts: string[] = [];
  const band = x(now + report.policy.warningDays * day) - x(now);
  parts.push(
    `<rect x="${x(now).toFixed(1)}" y="${top - 6}" width="${band.toFixed(1)}" height="${height - top}" fill="#fef0c7"><title>Expiring window: ${report.policy.warningDays} days</title></rect>`,
  );
  monthTicks(start, end).forEach((tick, n) => {
    const d = new Date(tick);
    const label =
      d.getUTCMonth() === 0 || n === 0 ? `${months[d.getUTCMonth()]} ${d.getUTCFullYear()}` : months[d.getUTCMonth()];
    parts.push(
      `<line x1="${x(tick).toFixed(1)}" x2="${x(tick).toFixed(1)}" y1="${top - 10}" y2="${height}" stroke="#eaecf0"/>`,
    );
    parts.push(
      `<text x="${x(tick).toFixed(1)}" y="${top - 16}" class="axis" text-anchor="middle">${label ?? ''}</text>`,
    );
  });
  parts.push(
    `<line x1="${x(now).toFixed(1)}" x2="${x(now).toFixed(1)}" y1="${top - 10}" y2="${height}" stroke="#101828" stroke-width="1.5"/>`,
  );
  parts.push(
    `<text x="${x(now).toFixed(1)}" y="12" class="axis today" text-anchor="middle">today ${isoDay(report.generatedAt)}</text>`,
  );
  return parts;
}

/** Row `i`: the token's label, and a bar from creation to its expiry mark (or a hatched bar to "never"). */
function tokenRow(t: ReportToken, i: number, scale: TimelineScale): string[] {
  const { x, end, now, plotEnd } = scale;
  const y = top + i * rowHeight + rowHeight / 2;
  const color = statusColor[t.status];
  const from = x(Date.parse(t.createdAt));
  const expires = expiryMs(t);
  const to = Number.isFinite(expires) ? x(expires) : plotEnd;
  const tip = escapeHtml(
    `${t.label} — ${t.status}; created ${isoDay(t.createdAt)}; ${t.expiresAt ? `expires ${isoDay(t.expiresAt)}` : 'never expires'}`,
  );
  const parts: string[] = [];
  parts.push(`<g><title>${tip}</title>`);
  if (i % 2 === 1)
    parts.push(
      `<rect x="0" y="${y - rowHeight / 2}" width="${width}" height="${rowHeight}" fill="#f9fafb" fill-opacity="0.6"/>`,
    );
  parts.push(
    `<text x="${gutter - 10}" y="${y + 4}" class="row-label" text-anchor="end">${escapeHtml(clip(t.label, 32))}</text>`,
  );
  if (Number.isFinite(expires)) {
    parts.push(
      `<rect x="${from.toFixed(1)}" y="${y - 5}" width="${Math.max(to - from, 1).toFixed(1)}" height="10" rx="3" fill="${color}" fill-opacity="0.35"/>`,
    );
    const beyond = expires > end;
    parts.push(
      beyond
        ? `<path d="M${plotEnd - 8} ${y - 7} L${plotEnd} ${y} L${plotEnd - 8} ${y + 7} Z" fill="${color}"/>`
        : `<circle cx="${to.toFixed(1)}" cy="${y}" r="6" fill="${color}" stroke="#fff" stroke-width="1.5"/>`,
    );
    const text = beyond ? isoDay(t.expiresAt ?? '') : relative(expires - now);
    // Expired: text left of the dot, clear of the today line; otherwise right while it fits.
    const right = beyond || (expires > now && to + 70 < plotEnd);
    parts.push(
      `<text x="${(beyond ? plotEnd + 6 : right ? to + 10 : to - 10).toFixed(1)}" y="${y + 4}" class="mark" text-anchor="${right ? 'start' : 'end'}">${escapeHtml(text)}</text>`,
    );
  } else {
    parts.push(
      `<rect x="${from.toFixed(1)}" y="${y - 5}" width="${Math.max(plotEnd - from, 1).toFixed(1)}" height="10" rx="3" fill="url(#never)" stroke="${color}" stroke-dasharray="4 3"/>`,
    );
    parts.push(`<text x="${plotEnd + 6}" y="${y + 4}" class="mark never">never</text>`);
  }
  parts.push('</g>');
  return parts;
}

/**
 * When each token expires, against today: one row per token (soonest first), a bar from
 * creation to expiry coloured by status, the expiring window shaded. Inline SVG, no script.
 */
export function expiryTimeline(report: HygieneReport): string {
  const now = reportTime(report);
  const standing = report.tokens
    .filter((t) => !t.revokedAt)
    .sort((a, b) => expiryMs(a) - expiryMs(b) || a.label.localeCompare(b.label));
  if (standing.length === 0) return '<p class="muted">No tokens to plot.</p>';
  const rows = standing.slice(0, maxRows);
  const [start, end] = domain(rows, now);
  const plotEnd = width - margin;
  const x = (ms: number) =>
    gutter + ((Math.min(Math.max(ms, start), end) - start) / (end - start)) * (plotEnd - gutter);
  const height = top + rows.length * rowHeight + 8;
  const scale: TimelineScale = { x, start, end, now, plotEnd, height };
  const more = standing.length - rows.length;
  return [
    `<svg class="timeline" viewBox="0 0 ${width} ${height}" role="img" aria-label="Expiry timeline">`,
    '<defs><pattern id="never" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#98a2b3" stroke-width="2"/></pattern></defs>',
    ...timelineAxis(scale, report),
    ...rows.flatMap((t, i) => tokenRow(t, i, scale)),
    '</svg>',
    more > 0 ? `<p class="muted">${more} more tokens expire later; the table below lists them all.</p>` : '',
  ].join('\n');
}
