import { markdownText } from '../../shared/markdown-text.js';
import { providerNames } from '../../shared/model.js';
import type { HygieneReport, ReportToken } from '../../shared/report/report-model.js';
import {
  ageText,
  dayOrDash,
  expiryText,
  labelLine,
  policyLines,
  reportTime,
  reportTitle,
  scopesText,
  shortId,
  sinceText,
  statusOrder,
  verdictText,
} from './report-text.js';

export { markdownText };

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

/** "expires in 40 days (…)", "expired 3 days ago (…)", "never expires". */
function expiryPhrase(t: ReportToken, now: number): string {
  if (!t.expiresAt) return 'never expires';
  const text = expiryText(t, now);
  return text.startsWith('in ') ? `expires ${text}` : text;
}

function summary(report: HygieneReport): string[] {
  const { summary } = report;
  const statusRows = statusOrder
    .filter((s) => summary.byStatus[s] > 0)
    .map((s) => row([s, String(summary.byStatus[s])]));
  const providerRows = Object.entries(summary.byProvider).map(([p, n]) =>
    row([providerNames[p as ReportToken['provider']], String(n)]),
  );
  const oldest = summary.oldestToken;
  if (summary.tokenCount === 0) return ['## Summary', '', 'No tokens in this vault.'];
  return [
    '## Summary',
    '',
    row(['Status', 'Tokens']),
    row(['---', '---:']),
    ...statusRows,
    '',
    row(['Provider', 'Tokens']),
    row(['---', '---:']),
    ...providerRows,
    '',
    `- Oldest token: ${oldest ? `${markdownText(oldest.label)} (\`${shortId(oldest.id)}\`), created ${dayOrDash(oldest.createdAt)}, ${oldest.ageDays} days old` : 'none'}`,
    `- Without expiry: ${summary.withoutExpiry.map((t) => `${markdownText(t.label)} (\`${shortId(t.id)}\`)`).join(', ') || 'none'}`,
  ];
}

function tokenTable(tokens: ReportToken[], now: number): string[] {
  return [
    row(['Token', 'ID', 'Provider', 'Status', 'Expires', 'Age', 'Last verified', 'Last rotated', 'Last used']),
    row(Array(9).fill('---')),
    ...tokens.map((t) =>
      row([
        markdownText(t.label),
        `\`${shortId(t.id)}\``,
        markdownText(`${t.providerName} · ${t.kind}`),
        t.status,
        expiryText(t, now),
        ageText(t),
        dayOrDash(t.lastVerifiedAt),
        dayOrDash(t.lastRotatedAt),
        dayOrDash(t.lastUsedAt),
      ]),
    ),
  ];
}

function tokenDetail(t: ReportToken, now: number): string[] {
  const findings = t.findings.length
    ? t.findings.map((f) => `  - **${f.severity}** \`${f.code}\`: ${markdownText(f.message)}`)
    : ['  - none'];
  return [
    `### ${markdownText(t.label)}`,
    '',
    `- Status: **${t.status}**`,
    `- ID \`${t.id}\` · fingerprint \`${t.fingerprint}\``,
    `- Provider: ${markdownText(`${t.providerName} — ${t.kind}`)} · account: ${markdownText(t.account ?? 'unknown')}`,
    `- Purpose: ${markdownText(t.purpose || '—')}`,
    `- Scopes: ${markdownText(scopesText(t))}`,
    `- Created ${dayOrDash(t.createdAt)} (${ageText(t)} old) · ${expiryPhrase(t, now)}`,
    `- Last verified ${sinceText(t.lastVerifiedAt, now)} · last rotated ${sinceText(t.lastRotatedAt, now)} · last used ${sinceText(t.lastUsedAt, now)}`,
    '- Findings:',
    ...findings,
    '',
  ];
}

/** The report as Markdown: readable as plain text, renders as tables on GitHub and in editors. */
export function renderMarkdown(report: HygieneReport): string {
  const now = reportTime(report);
  return [
    `# ${reportTitle}`,
    '',
    `${labelLine(report, markdownText)} · generated ${report.generatedAt} · ${report.summary.tokenCount} ${report.summary.tokenCount === 1 ? 'token' : 'tokens'}`,
    '',
    `**${verdictText(report)}**`,
    '',
    ...summary(report),
    '',
    ...(report.tokens.length
      ? [
          '## Tokens',
          '',
          ...tokenTable(report.tokens, now),
          '',
          '## Details',
          '',
          ...report.tokens.flatMap((t) => tokenDetail(t, now)),
        ]
      : []),
    '## Policy',
    '',
    ...policyLines(report.policy).map(([k, v]) => `- ${k}: ${markdownText(v)}`),
    '',
    'No secret is in this report: tokens are named by label, id and a short fingerprint (the first 8 hex characters of the SHA-256 of the secret).',
    '',
  ].join('\n');
}
