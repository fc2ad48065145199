import { createHash } from 'node:crypto';
import { providerNames } from '../../shared/model.js';
import type { TeamFinding, TeamTokenRef, TeamView } from '../../shared/report/team-model.js';
import { escapeHtml as e } from './html-escape.js';
import {
  day,
  findingSubject,
  integrityWords,
  policyText,
  severityCounts,
  signed,
  teamTitle,
  teamVerdict,
} from './team-text.js';
import { teamStyle } from './team-style.js';
import { trendChart } from './team-trend-chart.js';

const num = (n: number) => `<td class="num">${n}</td>`;
const refs = (list: TeamTokenRef[]) =>
  list.length ? `<div class="refs">${list.map((r) => e(r.label)).join(', ')}</div>` : '';
const tone = (f: TeamFinding) => `<span class="badge tone-${f.severity}">${e(f.severity)}</span>`;

function cards(view: TeamView): string {
  const c = severityCounts(view.totals.byStatus);
  const sum = (pick: (m: TeamView['machines'][number]) => number) => view.machines.reduce((n, m) => n + pick(m), 0);
  const card = (k: string, n: number, sub = '') =>
    `<div class="card"><span class="k">${e(k)}</span><span class="n">${n}</span>${sub ? `<span class="sub">${e(sub)}</span>` : ''}</div>`;
  return `<div class="cards team-cards">${[
    card('Machines', view.totals.machines, `${view.totals.files} reports`),
    card('Tokens', view.totals.tokens),
    card('Critical', c.critical),
    card('Warning', c.warning),
    card(
      'No expiry',
      sum((m) => m.withoutExpiry.length),
    ),
    card(
      'Exposed',
      sum((m) => m.exposed.length),
    ),
    card(
      'Pending revocation',
      sum((m) => m.pendingRevocations.length),
    ),
    card('Shared tokens', view.totals.shared),
  ].join('')}</div>`;
}

function problems(view: TeamView): string {
  if (!view.problems.length) return '';
  return `<section><h2>Reports not read</h2><ul class="problems">${view.problems.map((p) => `<li>${e(p.message)}</li>`).join('')}</ul></section>`;
}

function machines(view: TeamView): string {
  if (!view.machines.length) return '';
  const rows = view.machines.map((m) => {
    const c = severityCounts(m.byStatus);
    const edited =
      m.integrity === 'edited'
        ? ' <span class="badge tone-critical">edited</span>'
        : m.integrity === 'absent'
          ? ' <span class="badge tone-info">v1</span>'
          : '';
    const check = m.check.passed
      ? '<span class="badge tone-healthy">passes</span>'
      : `<span class="badge tone-critical">fails (${m.check.failingCount})</span>`;
    return `<tr><td class="machine-cell"><div class="token-name">${e(m.name)}</div><div class="token-sub">${e(day(m.generatedAt))}${edited}</div></td>${num(m.tokenCount)}${num(c.critical)}${num(c.warning)}${num(c.info)}${num(c.healthy)}<td class="num">${m.withoutExpiry.length}${refs(m.withoutExpiry)}</td><td class="num">${m.exposed.length}${refs(m.exposed)}</td><td class="num">${m.pendingRevocations.length}${refs(m.pendingRevocations)}</td><td class="num">${m.beyondMaxLifetime.length}${refs(m.beyondMaxLifetime)}</td><td class="num">${m.shared.length}${refs(m.shared)}</td><td>${check}</td></tr>`;
  });
  return `<section class="tokens"><h2>Machines</h2><div class="wide"><table><thead><tr><th>Machine</th><th class="num">Tokens</th><th class="num">Critical</th><th class="num">Warning</th><th class="num">Info</th><th class="num">Healthy</th><th class="num">No expiry</th><th class="num">Exposed</th><th class="num">Pending revocation</th><th class="num">Beyond max lifetime</th><th class="num">Shared</th><th>Check</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

function providers(view: TeamView): string {
  if (!view.providers.length) return '';
  const rows = view.providers.map((p) => {
    const c = severityCounts(p.byStatus);
    return `<tr><td>${e(p.providerName)}</td>${num(p.machineCount)}${num(p.tokenCount)}${num(c.critical)}${num(c.warning)}${num(c.info)}${num(c.healthy)}${num(p.withoutExpiry)}${num(p.exposed)}${num(p.pendingRevocations)}${num(p.beyondMaxLifetime)}${num(p.shared)}</tr>`;
  });
  return `<section><h2>Providers</h2><div class="wide"><table class="compact"><thead><tr><th>Provider</th><th class="num">Machines</th><th class="num">Tokens</th><th class="num">Critical</th><th class="num">Warning</th><th class="num">Info</th><th class="num">Healthy</th><th class="num">No expiry</th><th class="num">Exposed</th><th class="num">Pending revocation</th><th class="num">Beyond max lifetime</th><th class="num">Shared</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

function shared(view: TeamView): string {
  if (!view.shared.length) return '';
  const items = view.shared.map(
    (s) =>
      `<li><strong>${e(providerNames[s.provider])}</strong> <code>${e(s.fingerprint)}</code> on ${s.holders.length} machines: ${s.holders.map((h) => `${e(h.name)} <span class="muted">(${e(h.label)})</span>`).join(', ')}</li>`,
  );
  return `<section><h2>Shared tokens</h2><p class="muted">The same fingerprint on more than one machine: one secret, several holders. Give each machine its own token.</p><ul>${items.join('')}</ul></section>`;
}

function findingTable(title: string, findings: TeamFinding[]): string {
  if (!findings.length) return '';
  const rows = findings.map(
    (f) =>
      `<tr><td>${tone(f)}</td><td><code>${e(f.code)}</code></td><td>${e(f.name)}</td><td class="token-name">${e(findingSubject(f))}</td><td>${e(f.message)}</td></tr>`,
  );
  return `<section class="findings"><h2>${e(title)}</h2><div class="wide"><table><thead><tr><th>Severity</th><th>Finding</th><th>Machine</th><th>Token or report</th><th>Why</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

function trend(view: TeamView): string {
  if (!view.trend) return '';
  const { machines: rows, totals } = view.trend;
  const change = (before: number, after: number) => {
    const cls = after < before ? 'better' : after > before ? 'worse' : '';
    return `<td class="num nowrap">${before} → ${after} <span class="${cls}">(${signed(after - before)})</span></td>`;
  };
  const body = rows.map(
    (t) =>
      `<tr><td class="machine-cell">${e(t.name)}</td><td class="nowrap">${e(day(t.from.generatedAt))} → ${e(day(t.to.generatedAt))}</td><td class="num">${t.added.length}${refs(t.added)}</td><td class="num">${t.removed.length}${refs(t.removed)}</td><td class="num">${t.rotated.length}${refs(t.rotated)}</td><td class="num">${t.revoked.length}${refs(t.revoked)}</td>${num(t.opened.length)}${num(t.closed.length)}${change(t.failingBefore, t.failingAfter)}</tr>`,
  );
  const better = rows.filter((t) => t.failingAfter < t.failingBefore).length;
  const worse = rows.filter((t) => t.failingAfter > t.failingBefore).length;
  return `<section class="tokens"><h2>Trend</h2><p>Each machine's newest report against its older one: <span class="better">${better} better</span>, <span class="worse">${worse} worse</span>, ${rows.length - better - worse} steady (findings failing the check).</p>
${trendChart(view.trend)}
<div class="wide"><table><thead><tr><th>Machine</th><th>Reports</th><th class="num">Added</th><th class="num">Removed</th><th class="num">Rotated</th><th class="num">Revoked</th><th class="num">Findings opened</th><th class="num">Findings closed</th><th class="num">Failing</th></tr></thead><tbody>${body.join('')}
<tr><td><strong>All</strong></td><td></td>${num(totals.added)}${num(totals.removed)}${num(totals.rotated)}${num(totals.revoked)}${num(totals.opened)}${num(totals.closed)}${change(totals.failingBefore, totals.failingAfter)}</tr></tbody></table></div></section>`;
}

function reports(view: TeamView): string {
  const rows = view.reports.map(
    (r) =>
      `<tr><td class="token-name">${e(r.file)}</td><td>${e(r.name)}</td><td class="num">${r.reportVersion}</td><td class="nowrap">${e(day(r.generatedAt))}</td><td>${e(integrityWords[r.integrity])}</td><td>${e(r.role)}</td></tr>`,
  );
  return `<section><h2>Reports</h2><div class="wide"><table class="compact"><thead><tr><th>File</th><th>Machine</th><th class="num">Version</th><th>Written</th><th>Integrity</th><th>Used as</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

/**
 * The team view as one self-contained HTML file, like the hygiene report: inline style and SVG,
 * no script and no external request (its CSP forbids both), printable. Every string is escaped.
 */
export function renderTeamHtml(view: TeamView): string {
  const styleHash = createHash('sha256').update(teamStyle, 'utf8').digest('base64');
  const tone = view.check.passed ? 'healthy' : 'critical';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(`${teamTitle} — ${view.generatedAt.slice(0, 10)}`)}</title>
<style>${teamStyle}</style>
</head>
<body>
<main>
<header>
<h1>${teamTitle}</h1>
<p class="meta">${view.totals.machines} machines · ${view.totals.tokens} tokens · generated ${e(view.generatedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))} · judged by ${e(policyText(view))}</p>
<p class="verdict tone-${tone}">${e(teamVerdict(view))}</p>
</header>
${cards(view)}
${problems(view)}
${machines(view)}
${providers(view)}
${shared(view)}
${trend(view)}
${findingTable('Worst findings', view.worst)}
${findingTable('Failing the check', view.check.failing)}
${reports(view)}
<footer>No secret is in this view: tokens are named by label and a short fingerprint (the first 8 hex characters of the SHA-256 of the secret). Generated by Lapse from the machines' own reports.</footer>
</main>
</body>
</html>
`;
}
