import os from 'node:os';
import type { ReportApi } from '../../shared/contract/report-calls.js';
import type { PolicyOverride } from '../../shared/policy.js';
import { failingFindings } from '../../shared/report/policy-check.js';
import { ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import type { ServiceParts } from '../service-parts.js';
import { collectReport } from './collect-report.js';
import { reportFile } from './report-formats.js';

/** The report calls: the hygiene report in every format, and the policy check. Read metadata only, never the keychain. */
export function reportCalls({ store, now }: ServiceParts): ReportApi {
  const collect = async (policy?: PolicyOverride) => collectReport(await store.read(), now(), policy, os.hostname() || null);
  return {
    getReportData: ({ policy }) => guarded(async () => ok(await collect(policy))),
    getReport: ({ format, policy }) => guarded(async () => ok(reportFile(await collect(policy), format))),
    checkPolicy: ({ policy }) =>
      guarded(async () => {
        const report = await collect(policy);
        const failing = failingFindings(report.tokens, report.policy.threshold);
        return ok({ passed: failing.length === 0, threshold: report.policy.threshold, evaluatedAt: report.generatedAt, tokenCount: report.tokens.length, failing });
      }),
  };
}
