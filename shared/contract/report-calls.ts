import { z } from 'zod';
import { policyOverrideSchema } from '../policy.js';
import { policyCheckSchema } from '../report/policy-check.js';
import { hygieneReportSchema } from '../report/report-model.js';
import type { CallOf } from './call.js';

export { failingFindingSchema, policyCheckSchema, type FailingFinding, type PolicyCheck } from '../report/policy-check.js';
export { hygieneReportSchema, reportTokenSchema, type HygieneReport, type ReportToken } from '../report/report-model.js';

/** The formats a hygiene report is written in. */
export const reportFormats = ['md', 'json', 'html', 'csv'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** Policy values that override the vault's for this one call (e.g. a team's policy file). */
const policyArgument = { policy: policyOverrideSchema.optional() };

/** A report as a file: what to name it, its media type, and its text. */
export const reportFileSchema = z.object({
  format: z.enum(reportFormats),
  /** e.g. `lapse-report-2026-12-01.html`. */
  filename: z.string(),
  /** e.g. `text/html; charset=utf-8`. */
  mediaType: z.string(),
  content: z.string(),
});
export type ReportFile = z.infer<typeof reportFileSchema>;

/** The team-lead hygiene report and the policy check. */
export const reportCalls = {
  getReportData: { input: z.object(policyArgument).strict(), output: hygieneReportSchema },
  getReport: { input: z.object({ format: z.enum(reportFormats), ...policyArgument }).strict(), output: reportFileSchema },
  checkPolicy: { input: z.object(policyArgument).strict(), output: policyCheckSchema },
} as const;

type Calls = typeof reportCalls;

export interface ReportApi {
  /** The hygiene report as data: every token's metadata, status and findings, and a summary. Never a secret. */
  getReportData: CallOf<Calls['getReportData']>;
  /** The hygiene report written as Markdown, JSON, self-contained HTML or CSV, ready to save or share. */
  getReport: CallOf<Calls['getReport']>;
  /** Whether any finding reaches the policy's threshold, and which do (what `lapse check` exits on). */
  checkPolicy: CallOf<Calls['checkPolicy']>;
}
