import type { HygieneReport, ReportToken } from '../../shared/report/report-model.js';

type Cell = string | number | null;

const columns: [string, (t: ReportToken) => Cell][] = [
  ['id', (t) => t.id],
  ['label', (t) => t.label],
  ['provider', (t) => t.provider],
  ['kind', (t) => t.kind],
  ['account', (t) => t.account],
  ['purpose', (t) => t.purpose],
  ['tags', (t) => t.tags.join('; ')],
  ['declared_scopes', (t) => t.scopes.declared.join(' ')],
  ['granted_scopes', (t) => (t.scopes.granted ? t.scopes.granted.join(' ') : null)],
  ['excess_scopes', (t) => t.scopes.excess.join(' ')],
  ['status', (t) => t.status],
  ['severity', (t) => t.severity],
  ['finding_codes', (t) => t.findings.map((f) => f.code).join('; ')],
  ['findings', (t) => t.findings.map((f) => `[${f.severity}] ${f.code}: ${f.message}`).join('\n')],
  ['fingerprint', (t) => t.fingerprint],
  ['created_at', (t) => t.createdAt],
  ['age_days', (t) => t.ageDays],
  ['expires_at', (t) => t.expiresAt],
  ['days_until_expiry', (t) => t.daysUntilExpiry],
  ['last_verified_at', (t) => t.lastVerifiedAt],
  ['last_rotated_at', (t) => t.lastRotatedAt],
  ['last_used_at', (t) => t.lastUsedAt],
  ['revoked_at', (t) => t.revokedAt],
];

/** One CSV field (RFC 4180); text a spreadsheet would run as a formula is prefixed with `'`. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) || inert !== value ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** The report as CSV: one row per token, a header row, CRLF line ends. The summary is left to the other formats. */
export function renderCsv(report: HygieneReport): string {
  const lines = [
    columns.map(([name]) => name),
    ...report.tokens.map((t) => columns.map(([, pick]) => csvCell(pick(t)))),
  ];
  return `${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
