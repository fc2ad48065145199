import { providerNames } from '../../shared/model.js';
import type { MachineTrend, TeamFinding, TeamView } from '../../shared/report/team-model.js';
import { terminalSafe } from '../../shared/terminal-text.js';
import { markdownText } from './render-markdown.js';
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

// Everything in a report came from another machine: inert in Markdown, and in a terminal (no escape sequences).
const md = (text: string): string => markdownText(terminalSafe(text));
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const header = (cells: string[], numericFrom = cells.length) => [
  row(cells),
  row(cells.map((_, i) => (i >= numericFrom ? '---:' : '---'))),
];
const names = (refs: { label: string }[]) => refs.map((r) => md(r.label)).join(', ');

function machines(view: TeamView): string[] {
  if (view.machines.length === 0) return [];
  return [
    '## Machines',
    '',
    ...header(
      [
        'Machine',
        'Report',
        'Tokens',
        'Critical',
        'Warning',
        'Info',
        'Healthy',
        'No expiry',
        'Exposed',
        'Pending revocation',
        'Beyond max lifetime',
        'Shared',
        'Check',
      ],
      2,
    ),
    ...view.machines.map((m) => {
      const c = severityCounts(m.byStatus);
      const edited = m.integrity === 'edited' ? ' (edited)' : '';
      return row([
        md(m.name),
        `${day(m.generatedAt)}${edited}`,
        m.tokenCount,
        c.critical,
        c.warning,
        c.info,
        c.healthy,
        m.withoutExpiry.length,
        m.exposed.length,
        m.pendingRevocations.length,
        m.beyondMaxLifetime.length,
        m.shared.length,
        m.check.passed ? 'passes' : `fails (${m.check.failingCount})`,
      ]);
    }),
    '',
    ...view.machines.flatMap((m) => {
      const lines = [
        ['Worst', m.worst.map((f) => `${f.severity} \`${f.code}\` ${md(findingSubject(f))}`).join('; ')],
        ['Without expiry', names(m.withoutExpiry)],
        ['Exposed copies', names(m.exposed)],
        ['Pending revocations', names(m.pendingRevocations)],
        ['Beyond max lifetime', names(m.beyondMaxLifetime)],
        ['Shared with another machine', names(m.shared)],
      ].filter(([, v]) => v);
      return lines.length ? [`### ${md(m.name)}`, '', ...lines.map(([k, v]) => `- ${k}: ${v}`), ''] : [];
    }),
  ];
}

function providers(view: TeamView): string[] {
  if (view.providers.length === 0) return [];
  return [
    '## Providers',
    '',
    ...header(
      [
        'Provider',
        'Machines',
        'Tokens',
        'Critical',
        'Warning',
        'Info',
        'Healthy',
        'No expiry',
        'Exposed',
        'Pending revocation',
        'Beyond max lifetime',
        'Shared',
      ],
      1,
    ),
    ...view.providers.map((p) => {
      const c = severityCounts(p.byStatus);
      return row([
        md(p.providerName),
        p.machineCount,
        p.tokenCount,
        c.critical,
        c.warning,
        c.info,
        c.healthy,
        p.withoutExpiry,
        p.exposed,
        p.pendingRevocations,
        p.beyondMaxLifetime,
        p.shared,
      ]);
    }),
    '',
  ];
}

function shared(view: TeamView): string[] {
  if (view.shared.length === 0) return [];
  return [
    '## Shared tokens',
    '',
    'The same fingerprint on more than one machine: one secret, several holders.',
    '',
    ...view.shared.map(
      (s) =>
        `- ${md(providerNames[s.provider])} \`${s.fingerprint}\`: ${s.holders.map((h) => `${md(h.name)} (${md(h.label)})`).join(', ')}`,
    ),
    '',
  ];
}

const findingRows = (findings: TeamFinding[]) => [
  ...header(['Severity', 'Finding', 'Machine', 'Token or report', 'Why']),
  ...findings.map((f) => row([f.severity, `\`${f.code}\``, md(f.name), md(findingSubject(f)), md(f.message)])),
];

function trendRow(t: MachineTrend): (string | number)[] {
  return [
    md(t.name),
    day(t.from.generatedAt),
    day(t.to.generatedAt),
    t.added.length,
    t.removed.length,
    t.rotated.length,
    t.revoked.length,
    t.opened.length,
    t.closed.length,
    `${t.failingBefore} → ${t.failingAfter} (${signed(t.failingAfter - t.failingBefore)})`,
  ];
}

function trend(view: TeamView): string[] {
  if (!view.trend) return [];
  const { machines: rows, totals } = view.trend;
  const better = rows.filter((t) => t.failingAfter < t.failingBefore).length;
  const worse = rows.filter((t) => t.failingAfter > t.failingBefore).length;
  return [
    '## Trend',
    '',
    `Each machine's newest report against its older one: ${better} got better, ${worse} got worse, ${rows.length - better - worse} held steady (failing findings).`,
    '',
    ...header(
      [
        'Machine',
        'From',
        'To',
        'Added',
        'Removed',
        'Rotated',
        'Revoked',
        'Findings opened',
        'Findings closed',
        'Failing',
      ],
      3,
    ),
    ...rows.map((t) => row(trendRow(t))),
    row([
      '**All**',
      '',
      '',
      totals.added,
      totals.removed,
      totals.rotated,
      totals.revoked,
      totals.opened,
      totals.closed,
      `${totals.failingBefore} → ${totals.failingAfter} (${signed(totals.failingAfter - totals.failingBefore)})`,
    ]),
    '',
    ...rows.flatMap((t) => {
      const lines = [
        ['Opened', t.opened.map((f) => `\`${f.code}\` ${md(f.label)}`).join(', ')],
        ['Closed', t.closed.map((f) => `\`${f.code}\` ${md(f.label)}`).join(', ')],
        ['Added', names(t.added)],
        ['Rotated', names(t.rotated)],
        ['Revoked', names(t.revoked)],
        ['Removed', names(t.removed)],
      ].filter(([, v]) => v);
      return lines.length
        ? [
            `### ${md(t.name)}: ${day(t.from.generatedAt)} → ${day(t.to.generatedAt)}`,
            '',
            ...lines.map(([k, v]) => `- ${k}: ${v}`),
            '',
          ]
        : [];
    }),
  ];
}

/** The team view as Markdown: renders as tables on GitHub (a CI job summary, an issue) and reads as text. */
export function renderTeamMarkdown(view: TeamView): string {
  const { totals } = view;
  return [
    `# ${teamTitle}`,
    '',
    `${totals.machines} machine${totals.machines === 1 ? '' : 's'} · ${totals.tokens} token${totals.tokens === 1 ? '' : 's'} · ${totals.files} report${totals.files === 1 ? '' : 's'} read${totals.problems ? `, ${totals.problems} not` : ''} · generated ${view.generatedAt}`,
    '',
    `Judged by ${md(policyText(view))}.`,
    '',
    `**${teamVerdict(view)}**`,
    '',
    ...(view.problems.length ? ['## Reports not read', '', ...view.problems.map((p) => `- ${md(p.message)}`), ''] : []),
    ...machines(view),
    ...providers(view),
    ...shared(view),
    ...(view.worst.length ? ['## Worst findings', '', ...findingRows(view.worst), ''] : []),
    ...trend(view),
    ...(view.check.failing.length ? ['## Failing the check', '', ...findingRows(view.check.failing), ''] : []),
    '## Reports',
    '',
    ...header(['File', 'Machine', 'Version', 'Written', 'Integrity', 'Used as']),
    ...view.reports.map((r) =>
      row([md(r.file), md(r.name), r.reportVersion, day(r.generatedAt), integrityWords[r.integrity], r.role]),
    ),
    '',
    'No secret is in this view: tokens are named by label, id and a short fingerprint (the first 8 hex characters of the SHA-256 of the secret).',
    '',
  ].join('\n');
}
