import { evaluateToken, severityOrder } from '../../shared/lifecycle.js';
import type { Finding, FindingCode, TokenRecord, TokenStatus } from '../../shared/model.js';
import { effectivePolicy, type Policy, type PolicyOverride } from '../../shared/policy.js';
import type { ReportToken } from '../../shared/report/report-model.js';
import type { ReadReport } from '../../shared/report/report-versions.js';

/** Findings that come from what happened to a token, not from the policy: a report's word on them stands. */
const factFindings: ReadonlySet<FindingCode> = new Set([
  'exposed',
  'disconnected',
  'revocation-pending',
  'scope-widened',
  'revoked',
]);

/** A machine's tokens as the team view judges them, and the policy they were judged by. */
export interface JudgedReport {
  policy: Policy;
  tokens: ReportToken[];
}

// What the lifecycle rules need of a record, from what the report kept of it; the facts no report carries stay empty.
function recordOf(token: ReportToken): TokenRecord {
  return {
    id: token.id,
    label: token.label,
    provider: token.provider,
    kind: token.kind,
    account: token.account,
    scopes: token.scopes.declared,
    grantedScopes: token.scopes.granted,
    purpose: token.purpose,
    tags: token.tags,
    baseUrl: null,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastVerifiedAt: token.lastVerifiedAt,
    lastUsedAt: token.lastUsedAt,
    lastRotatedAt: token.lastRotatedAt,
    revokedAt: token.revokedAt,
    expirySource: 'user',
    verification: null,
    masked: '',
    fingerprint: token.fingerprint,
  };
}

const bySeverity = (a: Finding, b: Finding) => severityOrder.indexOf(a.code) - severityOrder.indexOf(b.code);

/**
 * A report's tokens judged by its own policy with the team's policy file on top, as `lapse check
 * --policy FILE` would on that machine at the instant the report was written. Findings about
 * facts (exposed, disconnected, revocation pending, widened by a rotation) are kept as reported;
 * the ones the policy decides (expiry, lifetime, rotation, verification, use, scopes) are redone.
 * A token's own policy overrides are not in reports, so they do not apply here.
 */
export function judgeReport(report: ReadReport, override: PolicyOverride | null): JudgedReport {
  if (!override) return { policy: report.policy, tokens: report.tokens };
  const policy = effectivePolicy(report.policy, override);
  const at = Date.parse(report.generatedAt);
  const tokens = report.tokens.map((token): ReportToken => {
    if (token.revokedAt) return token;
    const facts = token.findings.filter((f) => factFindings.has(f.code));
    const judged = evaluateToken(recordOf(token), at, policy).findings.filter((f) => !factFindings.has(f.code));
    const findings = [...facts, ...judged].sort(bySeverity);
    const status: TokenStatus = findings[0]?.code ?? 'healthy';
    return { ...token, findings, status, severity: findings[0]?.severity ?? null };
  });
  return { policy, tokens };
}
