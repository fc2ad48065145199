import { describeExpiry, describeSpan, isoDay } from '../../shared/countdown.js';
import { severityOrder } from '../../shared/lifecycle.js';
import type { TokenStatus } from '../../shared/model.js';
import type { HygieneReport, ReportToken } from '../../shared/report/report-model.js';

// Words every format shares, so a report reads the same in Markdown, HTML and CSV.

export const reportTitle = 'Token hygiene report';

export const reportTime = (report: HygieneReport): number => Date.parse(report.generatedAt);

/** "2026-12-01", or an em dash for never. */
export const dayOrDash = (iso: string | null): string => (iso ? isoDay(iso) : '—');

/** "in 12 days (2026-12-13)", "expired 3 days ago (2026-11-28)", "never". */
export const expiryText = (token: ReportToken, now: number): string =>
  token.expiresAt ? `${describeExpiry(token.expiresAt, now)} (${isoDay(token.expiresAt)})` : 'never';

/** "12 days ago", or "never". */
export const sinceText = (iso: string | null, now: number): string =>
  iso ? `${describeSpan(now - Date.parse(iso))} ago` : 'never';

/** "412 days". */
export const ageText = (token: ReportToken): string => `${token.ageDays} day${token.ageDays === 1 ? '' : 's'}`;

/** Declared and granted scopes in one line. */
export function scopesText(token: ReportToken): string {
  const declared = token.scopes.declared.join(', ') || 'none declared';
  if (!token.scopes.granted) return `${declared} (granted: unknown)`;
  return `${declared} (granted: ${token.scopes.granted.join(', ') || 'none'})`;
}

/** The verdict line: what `lapse check` would say. */
export function verdictText(report: HygieneReport): string {
  const { check } = report.summary;
  if (check.passed) return `Policy check passed: no finding at ${check.threshold} or worse.`;
  const n = check.failingTokenCount;
  return `Policy check failed: ${n} token${n === 1 ? ' has' : 's have'} a finding at ${check.threshold} or worse.`;
}

/** Statuses as the breakdown lists them: worst first, then healthy, then revoked (history). */
export const statusOrder: readonly TokenStatus[] = [
  ...severityOrder.filter((s) => s !== 'revoked'),
  'healthy',
  'revoked',
];

/** The policy as label–value pairs, for every format. */
export function policyLines(policy: HygieneReport['policy']): [string, string][] {
  const forbidden = Object.entries(policy.forbiddenScopes)
    .filter(([, scopes]) => scopes.length)
    .map(([provider, scopes]) => `${provider}: ${scopes.join(', ')}`);
  return [
    ['Check fails at', `${policy.threshold} or worse`],
    ['Expiring within', `${policy.warningDays} days`],
    ['Longest lifetime', `${policy.maxLifetimeDays} days`],
    ['Rotate every', `${policy.rotationDays} days`],
    ['Verify every', `${policy.unverifiedDays} days`],
    ['Unused after', `${policy.unusedDays} days`],
    ['Expiry required', policy.requireExpiry ? 'yes' : 'no'],
    ['Forbidden scopes', forbidden.join('; ') || 'none'],
  ];
}

/** The first 8 characters of a token id, as `lapse list` shows it. */
export const shortId = (id: string): string => id.slice(0, 8);

/** "Machine ana-laptop · person Ana", with each name passed through `escape` for the format. */
export function labelLine(report: Pick<HygieneReport, 'machine' | 'person'>, escape: (text: string) => string): string {
  const machine = report.machine === null ? 'Machine not labelled' : `Machine ${escape(report.machine)}`;
  return report.person === null ? machine : `${machine} · person ${escape(report.person)}`;
}
