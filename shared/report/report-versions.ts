import { z } from 'zod';
import { hygieneReportSchema, reportVersion, type HygieneReport } from './report-model.js';

/** Version 1 (before labels and the integrity line): `machine` was the host name. */
export const hygieneReportV1Schema = hygieneReportSchema
  .omit({ person: true, integrity: true })
  .extend({ reportVersion: z.literal(1), machine: z.string().max(255).nullable() });

/** The report versions this Lapse reads, oldest first. */
export const readableReportVersions = [1, reportVersion] as const;

/** A report of any readable version, as the current version's shape; `integrity` is null where the file had none. */
export type ReadReport = Omit<HygieneReport, 'integrity' | 'reportVersion'> & {
  reportVersion: number;
  integrity: string | null;
};

/** The schema for a version this Lapse reads, or null for one it does not know. */
export function schemaForVersion(version: number): z.ZodType<unknown> | null {
  if (version === reportVersion) return hygieneReportSchema;
  if (version === 1) return hygieneReportV1Schema;
  return null;
}

/** A parsed report of a readable version, in the current shape. */
export function upgradeReport(parsed: unknown): ReadReport {
  const report = parsed as Partial<HygieneReport> &
    Omit<HygieneReport, 'person' | 'integrity' | 'reportVersion'> & { reportVersion: number };
  return { ...report, person: report.person ?? null, integrity: report.integrity ?? null };
}
