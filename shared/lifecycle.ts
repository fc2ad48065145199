import { describeExpiry, describeSpan, durations, isoDay } from './countdown.js';
import type { Finding, FindingCode, Severity, TokenRecord, TokenStatus } from './model.js';

/** The rules a token is judged by. Days are whole days. */
export interface Policy {
  /** An expiry this close is a warning. */
  warningDays: number;
  /** expiresAt − createdAt beyond this is a warning: a nominal timeout is not protection. */
  maxLifetimeDays: number;
  /** Rotate at least this often. */
  rotationDays: number;
  /** Verify at least this often. */
  unverifiedDays: number;
  /** The provider reporting no use for this long is worth a look. */
  unusedDays: number;
}

export const defaultPolicy: Policy = {
  warningDays: 14,
  maxLifetimeDays: 90,
  rotationDays: 90,
  unverifiedDays: 30,
  unusedDays: 30,
};

/** Worst first; status is the first of these a token has. */
export const severityOrder: readonly FindingCode[] = [
  'exposed',
  'disconnected',
  'expired',
  'revocation-pending',
  'out-of-scope',
  'scope-widened',
  'exceeds-max-lifetime',
  'no-expiry',
  'expiring',
  'rotation-overdue',
  'unverified',
  'unused',
  'revoked',
];

export const severityOf: Record<FindingCode, Severity> = {
  exposed: 'critical',
  disconnected: 'critical',
  expired: 'critical',
  'revocation-pending': 'critical',
  'out-of-scope': 'warning',
  'scope-widened': 'warning',
  'exceeds-max-lifetime': 'warning',
  'no-expiry': 'warning',
  expiring: 'warning',
  'rotation-overdue': 'warning',
  unverified: 'info',
  unused: 'info',
  revoked: 'info',
};

const days = (ms: number) => describeSpan(ms);

function expiryFindings(record: TokenRecord, policy: Policy, now: number): [FindingCode, string][] {
  const out: [FindingCode, string][] = [];
  if (!record.expiresAt) {
    out.push(['no-expiry', 'Never expires: standing access until someone revokes it. Rotate it to one with an expiry.']);
    return out;
  }
  const expiresAt = Date.parse(record.expiresAt);
  const when = describeExpiry(record.expiresAt, now);
  if (now >= expiresAt) {
    out.push(['expired', `Expired ${when.replace(/^expired /, '')}, on ${isoDay(record.expiresAt)}. Rotate it or remove it.`]);
  } else if (expiresAt - now <= policy.warningDays * durations.day) {
    out.push(['expiring', `Expires ${when}, on ${isoDay(record.expiresAt)}. Rotate it before then.`]);
  }
  const lifetime = expiresAt - Date.parse(record.createdAt);
  if (lifetime > policy.maxLifetimeDays * durations.day) {
    out.push([
      'exceeds-max-lifetime',
      `Lives ${days(lifetime)} from creation to expiry; policy allows ${policy.maxLifetimeDays} days. Rotate it to a shorter-lived one.`,
    ]);
  }
  return out;
}

function ageFindings(record: TokenRecord, policy: Policy, now: number): [FindingCode, string][] {
  const out: [FindingCode, string][] = [];
  const rotatedAt = Date.parse(record.lastRotatedAt ?? record.createdAt);
  if (now - rotatedAt > policy.rotationDays * durations.day) {
    const what = record.lastRotatedAt ? 'Last rotated' : 'Created';
    out.push([
      'rotation-overdue',
      `${what} ${days(now - rotatedAt)} ago; policy asks for rotation every ${policy.rotationDays} days. Rotate it.`,
    ]);
  }
  if (!record.lastVerifiedAt) {
    out.push(['unverified', 'Never verified with its provider. Verify it.']);
  } else if (now - Date.parse(record.lastVerifiedAt) > policy.unverifiedDays * durations.day) {
    out.push([
      'unverified',
      `Last verified ${days(now - Date.parse(record.lastVerifiedAt))} ago; policy asks every ${policy.unverifiedDays} days. Verify it.`,
    ]);
  }
  if (record.lastUsedAt && now - Date.parse(record.lastUsedAt) > policy.unusedDays * durations.day) {
    out.push([
      'unused',
      `Last used ${days(now - Date.parse(record.lastUsedAt))} ago (policy: ${policy.unusedDays} days). Revoke it if nothing needs it.`,
    ]);
  }
  return out;
}

/**
 * What the lifecycle rules say of a token at an instant: every finding, worst first, and the
 * status (the worst finding, or healthy). Pure: the UI, CLI and reminders all call this.
 */
export function evaluateToken(
  record: TokenRecord,
  now: number,
  policy: Policy = defaultPolicy,
): { status: TokenStatus; findings: Finding[] } {
  const found = [...expiryFindings(record, policy, now), ...ageFindings(record, policy, now)];
  const findings = found
    .map(([code, message]): Finding => ({ code, severity: severityOf[code], message }))
    .sort((a, b) => severityOrder.indexOf(a.code) - severityOrder.indexOf(b.code));
  return { status: findings[0]?.code ?? 'healthy', findings };
}
