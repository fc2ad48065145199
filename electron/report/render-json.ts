import { hygieneReportSchema, type HygieneReport } from '../../shared/report/report-model.js';

/** The report as JSON, checked against its schema on the way out (what report.schema.json publishes). */
export const renderJson = (report: HygieneReport): string =>
  `${JSON.stringify(hygieneReportSchema.parse(report), null, 2)}\n`;
