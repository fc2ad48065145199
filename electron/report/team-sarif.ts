import type { TeamView } from '../../shared/report/team-model.js';
import { lapseVersion } from './lapse-version.js';
import { sarifLog, sarifText, type SarifFinding, type SarifRuleId } from './sarif-log.js';

/**
 * `lapse team --format sarif`: each finding that fails the team check as a SARIF result, pointing
 * at the report file it comes from — at the token's line, or the integrity line of an edited
 * report — so a repository of reports shows them in its code-scanning view.
 */
export function teamSarif(view: TeamView, cwd: string): string {
  const findings: SarifFinding[] = view.check.failing
    .filter((f) => f.code !== 'revoked')
    .map((f) => ({
      ruleId: f.code as SarifRuleId,
      severity: f.severity,
      message: `${f.name}: ${f.label !== null ? `${f.label}: ` : ''}${f.message}`,
      place: {
        file: f.file,
        ...(f.tokenId
          ? { find: `"id": ${JSON.stringify(f.tokenId)}` }
          : f.code === 'report-edited'
            ? { find: '"integrity"' }
            : {}),
        logical: `lapse/${f.name}/${f.tokenId ? `tokens/${f.tokenId}` : 'report'}`,
      },
      identity: `team\u0000${f.key ?? f.file}\u0000${f.tokenId ?? ''}\u0000${f.code}`,
      properties: {
        machine: f.name,
        tokenId: f.tokenId,
        label: f.label,
        provider: f.provider,
        fingerprint: f.fingerprint,
      },
    }));
  return sarifText(
    sarifLog(findings, {
      category: 'lapse-team',
      version: lapseVersion(),
      cwd,
      properties: {
        passed: view.check.passed,
        machines: view.totals.machines,
        reports: view.totals.files,
        problems: view.totals.problems,
      },
    }),
  );
}
