import { durations } from '../../shared/countdown.js';
import { severityOf } from '../../shared/lifecycle.js';
import { providerNames, statuses, type TokenStatus, type TokenView } from '../../shared/model.js';
import { effectivePolicy, type PolicyOverride } from '../../shared/policy.js';
import { failingFindings } from '../../shared/report/policy-check.js';
import type { ReportLabel } from '../../shared/report/report-label.js';
import {
  reportVersion,
  type HygieneReport,
  type ReportSummary,
  type ReportToken,
} from '../../shared/report/report-model.js';
import { byUrgency } from '../../shared/urgency.js';
import { viewToken } from '../vault/token-view.js';
import type { VaultFile } from '../vault/vault-file.js';
import { sealed } from './report-integrity.js';

// Toward zero, so "expired 2.4 days ago" is -2 days, as the finding text says.
const wholeDays = (ms: number) => Math.trunc(ms / durations.day);

// Field by field, so nothing the record gains later (or its masked value) slips into a report.
function reportToken(view: TokenView, now: number): ReportToken {
  const declared = new Set(view.scopes);
  return {
    id: view.id,
    label: view.label,
    provider: view.provider,
    providerName: providerNames[view.provider],
    kind: view.kind,
    account: view.account,
    purpose: view.purpose,
    tags: [...view.tags],
    scopes: {
      declared: [...view.scopes],
      granted: view.grantedScopes ? [...view.grantedScopes] : null,
      excess: (view.grantedScopes ?? []).filter((s) => !declared.has(s)),
    },
    status: view.status,
    severity: view.status === 'healthy' ? null : severityOf[view.status],
    findings: view.findings.map(({ code, severity, message, action }) => ({ code, severity, message, action })),
    fingerprint: view.fingerprint,
    createdAt: view.createdAt,
    ageDays: Math.max(0, wholeDays(now - Date.parse(view.createdAt))),
    expiresAt: view.expiresAt,
    daysUntilExpiry: view.expiresAt ? wholeDays(Date.parse(view.expiresAt) - now) : null,
    lastVerifiedAt: view.lastVerifiedAt,
    lastRotatedAt: view.lastRotatedAt,
    lastUsedAt: view.lastUsedAt,
    revokedAt: view.revokedAt,
  };
}

function summarise(tokens: ReportToken[], threshold: HygieneReport['policy']['threshold']): ReportSummary {
  const byStatus = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<TokenStatus, number>;
  const byProvider: ReportSummary['byProvider'] = {};
  for (const t of tokens) {
    byStatus[t.status] += 1;
    byProvider[t.provider] = (byProvider[t.provider] ?? 0) + 1;
  }
  const standing = tokens.filter((t) => !t.revokedAt);
  const oldest = standing.reduce<ReportToken | null>(
    (a, t) => (!a || Date.parse(t.createdAt) < Date.parse(a.createdAt) ? t : a),
    null,
  );
  const failing = new Set(failingFindings(tokens, threshold).map((f) => f.tokenId));
  return {
    tokenCount: tokens.length,
    byStatus,
    byProvider,
    oldestToken: oldest && { id: oldest.id, label: oldest.label, createdAt: oldest.createdAt, ageDays: oldest.ageDays },
    withoutExpiry: standing.filter((t) => !t.expiresAt).map((t) => ({ id: t.id, label: t.label })),
    check: { threshold, passed: failing.size === 0, failingTokenCount: failing.size },
  };
}

/**
 * The hygiene report of a vault at `now`: every token judged by the lifecycle rules under the
 * vault's policy, with `override` (a policy file) on top for this report only, labelled as its
 * owner chose, and sealed with its integrity line.
 */
export function collectReport(
  vault: VaultFile,
  now: number,
  override: PolicyOverride = {},
  label: Partial<ReportLabel> = {},
): HygieneReport {
  const vaultPolicy: PolicyOverride = { ...vault.policy, ...override };
  const tokens = Object.values(vault.tokens)
    .map((record) => viewToken(record, now, vaultPolicy))
    .sort(byUrgency)
    .map((view) => reportToken(view, now));
  const policy = effectivePolicy(vaultPolicy);
  return sealed({
    reportVersion,
    generatedAt: new Date(now).toISOString(),
    machine: label.machine ?? null,
    person: label.person ?? null,
    policy,
    summary: summarise(tokens, policy.threshold),
    tokens,
  });
}
