import { createHash } from 'node:crypto';
import { describeExpiry } from '../../shared/countdown.js';
import { providerNames, type ProviderId } from '../../shared/model.js';
import type { HygieneReport, ReportToken } from '../../shared/report/report-model.js';
import { expiryTimeline } from './expiry-timeline.js';
import { escapeHtml as e } from './html-escape.js';
import { reportStyle } from './report-style.js';
import {
  ageText,
  dayOrDash,
  labelLine,
  policyLines,
  reportTime,
  reportTitle,
  shortId,
  sinceText,
  verdictText,
} from './report-text.js';
import { statusChart } from './status-chart.js';

const toneOf = (t: ReportToken) => (t.status === 'revoked' ? 'revoked' : (t.severity ?? 'healthy'));
const badge = (t: ReportToken) => `<span class="badge tone-${toneOf(t)}">${e(t.status)}</span>`;

function cards(report: HygieneReport): string {
  const { summary } = report;
  const bySeverity = { critical: 0, warning: 0, info: 0, healthy: 0 };
  for (const t of report.tokens) if (t.status !== 'revoked') bySeverity[t.severity ?? 'healthy'] += 1;
  const oldest = summary.oldestToken;
  const card = (k: string, n: string | number, sub = '') =>
    `<div class="card"><span class="k">${e(k)}</span><span class="n">${e(String(n))}</span>${sub ? `<span class="sub" title="${e(sub)}">${e(sub)}</span>` : ''}</div>`;
  return `<div class="cards">${[
    card('Tokens', summary.tokenCount, summary.byStatus.revoked ? `${summary.byStatus.revoked} revoked` : ''),
    card('Critical', bySeverity.critical),
    card('Warning', bySeverity.warning),
    card('Info', bySeverity.info),
    card('Healthy', bySeverity.healthy),
    card('No expiry', summary.withoutExpiry.length),
    card('Oldest', oldest ? `${oldest.ageDays} d` : '—', oldest?.label ?? ''),
  ].join('')}</div>`;
}

function breakdown(report: HygieneReport): string {
  const providers = Object.entries(report.summary.byProvider).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  const providerRows = providers
    .map(([p, n]) => `<tr><td>${e(providerNames[p as ProviderId])}</td><td class="num">${n}</td></tr>`)
    .join('');
  const without =
    report.summary.withoutExpiry.map((t) => `${e(t.label)} <code>${shortId(t.id)}</code>`).join(', ') || 'none';
  return `<section><h2>Status breakdown</h2><div class="breakdown"><div>${statusChart(report)}<p class="muted">Without expiry: ${without}</p></div>
<div><table class="compact"><thead><tr><th>Provider</th><th class="num">Tokens</th></tr></thead><tbody>${providerRows || '<tr><td colspan="2" class="muted">none</td></tr>'}</tbody></table></div></div></section>`;
}

function scopeCell(t: ReportToken): string {
  const declared = t.scopes.declared.map(e).join(', ') || '<span class="muted">none declared</span>';
  if (!t.scopes.granted) return `${declared}<div class="token-sub">granted: unknown</div>`;
  const excess = new Set(t.scopes.excess);
  const granted =
    t.scopes.granted.map((s) => (excess.has(s) ? `<span class="excess">${e(s)}</span>` : e(s))).join(', ') || 'none';
  return `${declared}<div class="token-sub">granted: ${granted}</div>`;
}

function tokenTable(report: HygieneReport, now: number): string {
  if (report.tokens.length === 0) return '';
  const rows = report.tokens.map(
    (t) => `<tr>
<td><div class="token-name">${e(t.label)}</div><div class="token-sub">${e(`${t.providerName} · ${t.kind}`)}${t.account ? ` · ${e(t.account)}` : ''}</div><div class="token-sub"><span class="mono">${shortId(t.id)}</span> · fp <span class="mono">${t.fingerprint}</span></div></td>
<td>${badge(t)}</td>
<td class="nowrap">${t.expiresAt ? `${e(describeExpiry(t.expiresAt, now))}<div class="token-sub">${dayOrDash(t.expiresAt)}</div>` : 'never'}</td>
<td class="num nowrap">${e(ageText(t))}</td>
<td class="nowrap activity"><div><span>verified</span> ${dayOrDash(t.lastVerifiedAt)}</div><div><span>rotated</span> ${dayOrDash(t.lastRotatedAt)}</div><div><span>used</span> ${dayOrDash(t.lastUsedAt)}</div></td>
<td>${scopeCell(t)}</td>
</tr>`,
  );
  return `<section class="tokens"><h2>Tokens</h2><table><thead><tr><th class="col-token">Token</th><th>Status</th><th>Expires</th><th class="num">Age</th><th>Last</th><th class="col-scopes">Scopes</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function findings(report: HygieneReport, now: number): string {
  const withFindings = report.tokens.filter((t) => t.findings.length > 0);
  if (withFindings.length === 0)
    return '<section><h2>Findings</h2><p>No findings: every token is healthy under this policy.</p></section>';
  const blocks = withFindings.map((t) => {
    const items = t.findings
      .map(
        (f) =>
          `<li><span><span class="badge tone-${f.code === 'revoked' ? 'revoked' : f.severity}">${f.severity}</span></span><code>${f.code}</code><span>${e(f.message)}</span></li>`,
      )
      .join('');
    const purpose = t.purpose ? ` · purpose: ${e(t.purpose)}` : '';
    return `<div class="finding-card"><h3>${e(t.label)} ${badge(t)}</h3><div class="token-sub">${e(t.providerName)} · <span class="mono">${shortId(t.id)}</span>${purpose} · verified ${e(sinceText(t.lastVerifiedAt, now))} · rotated ${e(sinceText(t.lastRotatedAt, now))} · used ${e(sinceText(t.lastUsedAt, now))}</div><ul>${items}</ul></div>`;
  });
  return `<section class="findings"><h2>Findings</h2>${blocks.join('\n')}</section>`;
}

const policyList = (report: HygieneReport) =>
  `<section><h2>Policy</h2><dl class="policy">${policyLines(report.policy)
    .map(([k, v]) => `<div><dt>${e(k)}</dt><dd>${e(v)}</dd></div>`)
    .join('')}</dl></section>`;

/**
 * The report as one self-contained HTML file: inline style, inline SVG charts, no script and no
 * external request (its CSP forbids both), printable. Every user-supplied string is escaped.
 */
export function renderHtml(report: HygieneReport): string {
  const now = reportTime(report);
  const styleHash = createHash('sha256').update(reportStyle, 'utf8').digest('base64');
  const machine = report.machine ?? report.person ?? 'unlabelled machine';
  const passed = report.summary.check.passed;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(`${reportTitle} — ${machine} — ${report.generatedAt.slice(0, 10)}`)}</title>
<style>${reportStyle}</style>
</head>
<body>
<main>
<header>
<h1>${reportTitle}</h1>
<p class="meta">${labelLine(report, (text) => `<strong>${e(text)}</strong>`)} · generated ${e(report.generatedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))} · ${report.summary.tokenCount} ${report.summary.tokenCount === 1 ? 'token' : 'tokens'}</p>
<p class="verdict tone-${passed ? 'healthy' : report.summary.check.threshold}">${e(verdictText(report))}</p>
</header>
${cards(report)}
${breakdown(report)}
<section><h2>Expiry timeline</h2>${expiryTimeline(report)}
<p class="key"><span>Bar: created → expires, coloured by status</span><span>● expiry</span><span>shaded: expiring within ${report.policy.warningDays} days</span><span>hatched: never expires</span></p></section>
${tokenTable(report, now)}
${findings(report, now)}
${policyList(report)}
<footer>No secret is in this report: tokens are named by label, id and a short fingerprint (the first 8 hex characters of the SHA-256 of the secret). Generated by Lapse.</footer>
</main>
</body>
</html>
`;
}
