import type { ReportApi } from '../../shared/contract/report-calls.js';
import type { PolicyOverride } from '../../shared/policy.js';
import { noReportLabel, withLabelChange, type ReportLabelChange } from '../../shared/report/report-label.js';
import { failingFindings } from '../../shared/report/policy-check.js';
import { ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import type { ServiceParts } from '../service-parts.js';
import { collectReport } from './collect-report.js';
import { reportFile } from './report-formats.js';

/** The report calls: the hygiene report in every format, and the policy check. Read metadata only, never the keychain. */
export function reportCalls({ store, now }: ServiceParts): ReportApi {
  // The host name is never a default: a report names its machine only as its owner chose.
  const collect = async (policy?: PolicyOverride, label: ReportLabelChange = {}) => {
    const vault = await store.read();
    return collectReport(vault, now(), policy, withLabelChange(vault.report ?? noReportLabel, label));
  };
  return {
    getReportData: ({ policy, label }) => guarded(async () => ok(await collect(policy, label))),
    getReport: ({ format, policy, label }) => guarded(async () => ok(reportFile(await collect(policy, label), format))),
    getReportLabel: () => guarded(async () => ok((await store.read()).report ?? noReportLabel)),
    setReportLabel: (change) =>
      guarded(async () =>
        ok(
          await store.update((vault) => {
            const label = withLabelChange(vault.report ?? noReportLabel, change);
            vault.report = label;
            return label;
          }),
        ),
      ),
    checkPolicy: ({ policy }) =>
      guarded(async () => {
        const report = await collect(policy);
        const failing = failingFindings(report.tokens, report.policy.threshold);
        return ok({
          passed: failing.length === 0,
          threshold: report.policy.threshold,
          evaluatedAt: report.generatedAt,
          tokenCount: report.tokens.length,
          failing,
        });
      }),
  };
}
