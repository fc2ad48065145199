import type { PolicyCheck } from '../../shared/report/policy-check.js';
import type { ReportLabel } from '../../shared/report/report-label.js';
import { lapseVersion } from './lapse-version.js';
import { sarifLog, sarifText, type SarifRuleId } from './sarif-log.js';

/**
 * `lapse check --format sarif`: each failing finding as a SARIF result. With a policy file, results
 * point at that file (the one in the repository the check guards), so code scanning can show them;
 * without one, only at the token in the vault (a logical location).
 */
export function checkSarif(
  check: PolicyCheck,
  options: { policyFile: string | null; label: ReportLabel; cwd: string },
): string {
  const machine = options.label.machine ?? options.label.person ?? 'this machine';
  const findings = check.failing
    .filter((f) => f.code !== 'revoked')
    .map((f) => ({
      ruleId: f.code as SarifRuleId,
      severity: f.severity,
      message: `${f.label} (${machine}): ${f.message}`,
      place: { file: options.policyFile, logical: `lapse/${machine}/tokens/${f.tokenId}` },
      identity: `check\u0000${options.label.person ?? ''}\u0000${options.label.machine ?? ''}\u0000${f.tokenId}\u0000${f.code}`,
      properties: {
        tokenId: f.tokenId,
        label: f.label,
        provider: f.provider,
        machine: options.label.machine,
        person: options.label.person,
      },
    }));
  return sarifText(
    sarifLog(findings, {
      category: 'lapse-check',
      version: lapseVersion(),
      cwd: options.cwd,
      properties: {
        passed: check.passed,
        threshold: check.threshold,
        evaluatedAt: check.evaluatedAt,
        tokenCount: check.tokenCount,
      },
    }),
  );
}
