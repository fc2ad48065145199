import { z } from 'zod';
import { policyOverrideSchema } from '../policy.js';
import { policyCheckSchema } from '../report/policy-check.js';
import { hygieneReportSchema } from '../report/report-model.js';
import { noArgument, type CallOf } from './call.js';
import { reportLabelChangeSchema, reportLabelSchema } from '../report/report-label.js';

export {
  failingFindingSchema,
  policyCheckSchema,
  type FailingFinding,
  type PolicyCheck,
} from '../report/policy-check.js';
export {
  hygieneReportSchema,
  reportTokenSchema,
  type HygieneReport,
  type ReportToken,
} from '../report/report-model.js';
export { reportLabelSchema, type ReportLabel, type ReportLabelChange } from '../report/report-label.js';

/** The formats a hygiene report is written in. */
export const reportFormats = ['md', 'json', 'html', 'csv'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** Policy values that override the vault's for this one call (e.g. a team's policy file). */
const policyArgument = { policy: policyOverrideSchema.optional() };
/** A machine or person label for this one report, over the one stored with setReportLabel. */
const labelArgument = { label: reportLabelChangeSchema.optional() };

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
  getReportData: { input: z.object({ ...policyArgument, ...labelArgument }).strict(), output: hygieneReportSchema },
  getReport: {
    input: z.object({ format: z.enum(reportFormats), ...policyArgument, ...labelArgument }).strict(),
    output: reportFileSchema,
  },
  checkPolicy: { input: z.object(policyArgument).strict(), output: policyCheckSchema },
  getReportLabel: { input: noArgument, output: reportLabelSchema },
  setReportLabel: { input: reportLabelChangeSchema, output: reportLabelSchema },
} as const;

type Calls = typeof reportCalls;

export interface ReportApi {
  /** The hygiene report as data: every token's metadata, status and findings, and a summary. Never a secret. */
  getReportData: CallOf<Calls['getReportData']>;
  /** The hygiene report written as Markdown, JSON, self-contained HTML or CSV, ready to save or share. */
  getReport: CallOf<Calls['getReport']>;
  /** Whether any finding reaches the policy's threshold, and which do (what `lapse check` exits on). */
  checkPolicy: CallOf<Calls['checkPolicy']>;
  /** The machine and person label this vault's reports carry (null when none is stored). */
  getReportLabel: CallOf<Calls['getReportLabel']>;
  /** Store the label for every later report; each given field replaces the stored one, empty or null clears it. */
  setReportLabel: CallOf<Calls['setReportLabel']>;
}
