import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { reportVersion } from '../../shared/report/report-model.js';
import {
  readableReportVersions,
  schemaForVersion,
  upgradeReport,
  type ReadReport,
} from '../../shared/report/report-versions.js';
import type { IntegrityState, ReportProblem } from '../../shared/report/team-model.js';
import { integrityOf } from './report-integrity.js';

/** A report of 1,000 tokens is about 1.5 MB; a file this big is not a report. */
export const maxReportBytes = 32 * 1024 * 1024;
/** Files a folder may hold before Lapse stops looking (a wrong folder, e.g. a home directory). */
export const maxReportFiles = 20_000;
/** How deep Lapse looks into folders (reports/<person>/<machine>/<date>.json is 3). */
export const maxFolderDepth = 6;

/** A report file read and checked. */
export interface LoadedReport {
  file: string;
  report: ReadReport;
  integrity: IntegrityState;
}

export interface ReadResult {
  reports: LoadedReport[];
  problems: ReportProblem[];
}

const problem = (file: string, reason: ReportProblem['reason'], message: string): ReportProblem => ({
  file,
  reason,
  message: `${file}: ${message}`,
});

// Which field and why, never the value (the wrong file could hold anything, a secret included).
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const field = issue.path.map(String).join('.') || 'the report';
    return issue.code === 'unrecognized_keys'
      ? `${field} has unknown fields (${issue.keys.slice(0, 3).join(', ')})`
      : `${field} ${issue.message.replace(/^Invalid input: /, 'has the wrong type: ')}`;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `${shown.join('; ')}${more}`;
}

/** Parses one report's text: the report, or why it is not one. Never echoes the content. */
export function parseReportText(text: string, file: string): LoadedReport | ReportProblem {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const where = /position \d+(?: \(line \d+ column \d+\))?/.exec((error as Error).message)?.[0];
    return problem(file, 'not-json', `not valid JSON${where ? ` (at ${where})` : ''}; was it cut short while copying?`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !('reportVersion' in raw)) {
    return problem(
      file,
      'not-a-report',
      'not a Lapse report (it has no reportVersion); reports are what `lapse report --format json` writes.',
    );
  }
  const version = (raw as { reportVersion: unknown }).reportVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return problem(file, 'invalid', 'reportVersion must be a whole number from 1.');
  }
  if (version > reportVersion) {
    return problem(
      file,
      'too-new',
      `written by a newer Lapse (report version ${version}); this Lapse reads versions ${readableReportVersions.join(' and ')}. Update Lapse to merge it.`,
    );
  }
  const schema = schemaForVersion(version);
  if (!schema) return problem(file, 'invalid', `report version ${version} is not one Lapse ever wrote.`);
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    return problem(file, 'invalid', `not a valid version ${version} report: ${describeIssues(parsed.error.issues)}.`);
  const report = upgradeReport(parsed.data);
  // The integrity line covers the file as written, unknown members included: an added field is an edit.
  const integrity: IntegrityState =
    report.integrity === null ? 'absent' : integrityOf(raw) === report.integrity ? 'intact' : 'edited';
  return { file, report, integrity };
}

const isProblem = (x: LoadedReport | ReportProblem): x is ReportProblem => 'reason' in x;

function readReportFile(file: string, size: number): LoadedReport | ReportProblem {
  if (size > maxReportBytes)
    return problem(file, 'too-large', `larger than ${maxReportBytes / 1024 / 1024} MiB: not a report.`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return problem(
      file,
      'unreadable',
      `could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
    );
  }
  return parseReportText(text, file);
}

/** The .json files under a folder, sorted; dot-folders (.git) and symbolic links are skipped. */
function reportFilesIn(folder: string, found: string[], depth: number, problems: ReportProblem[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    problems.push(
      problem(
        folder,
        'unreadable',
        `the folder could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
      ),
    );
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory() && depth < maxFolderDepth) reportFilesIn(full, found, depth + 1, problems);
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) found.push(full);
    if (found.length > maxReportFiles) return;
  }
}

/**
 * Reads every report the paths name: files as given (any name), folders for their .json files.
 * A file that cannot be read or is not a valid report is a problem, named with its reason; it
 * never stops the others from being read.
 */
export function readReports(paths: readonly string[]): ReadResult {
  const reports: LoadedReport[] = [];
  const problems: ReportProblem[] = [];
  const seen = new Set<string>();
  const files: string[] = [];
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(
        problem(
          given,
          'unreadable',
          code === 'ENOENT' ? 'no such file or folder.' : `could not be read (${code ?? 'unknown error'}).`,
        ),
      );
      continue;
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      reportFilesIn(given, found, 0, problems);
      if (found.length > maxReportFiles) {
        problems.push(
          problem(
            given,
            'too-many-files',
            `holds more than ${maxReportFiles} .json files: is it the reports folder? Nothing in it was read.`,
          ),
        );
        continue;
      }
      if (found.length === 0) problems.push(problem(given, 'unreadable', 'the folder holds no .json report.'));
      files.push(...found);
    } else {
      files.push(given);
    }
  }
  for (const file of files) {
    const real = path.resolve(file);
    if (seen.has(real)) continue;
    seen.add(real);
    let size = 0;
    try {
      size = fs.statSync(file).size;
    } catch (error) {
      problems.push(
        problem(file, 'unreadable', `could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`),
      );
      continue;
    }
    const result = readReportFile(file, size);
    if (isProblem(result)) problems.push(result);
    else reports.push(result);
  }
  return { reports, problems };
}
