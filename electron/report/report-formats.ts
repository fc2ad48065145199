import type { ReportFile, ReportFormat } from '../../shared/contract/report-calls.js';
import type { HygieneReport } from '../../shared/report/report-model.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';

const writers: Record<ReportFormat, { render: (report: HygieneReport) => string; mediaType: string }> = {
  md: { render: renderMarkdown, mediaType: 'text/markdown; charset=utf-8' },
  json: { render: renderJson, mediaType: 'application/json' },
  html: { render: renderHtml, mediaType: 'text/html; charset=utf-8' },
  csv: { render: renderCsv, mediaType: 'text/csv; charset=utf-8; header=present' },
};

/** The report written in one format, as a file to save: `lapse-report-<machine>-<day>.<format>`. */
export function reportFile(report: HygieneReport, format: ReportFormat): ReportFile {
  const { render, mediaType } = writers[format];
  const machine = (report.machine ?? '')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 40);
  const filename = `lapse-report-${machine ? `${machine}-` : ''}${report.generatedAt.slice(0, 10)}.${format}`;
  return { format, filename, mediaType, content: render(report) };
}
