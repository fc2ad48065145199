import path from 'node:path';
import type { ReadReport } from '../../shared/report/report-versions.js';

// Dates and instants in a file name tell reports of one machine apart, not machines.
const datePart = /\d{4}-\d{2}-\d{2}(?:[T_ ]\d{2}[-:]?\d{2}(?:[-:]?\d{2}(?:\.\d+)?)?Z?)?/g;

/**
 * Which machine a report is of, and how the view names it: its person and machine labels when it
 * has either; else its file path with dates taken out (so reports/box/2026-04-01.json and
 * reports/box/2026-05-01.json are one machine), named by that path.
 */
export function identityOf(
  report: Pick<ReadReport, 'machine' | 'person'>,
  file: string,
): { key: string; name: string } {
  const { machine, person } = report;
  if (machine !== null || person !== null) {
    const name = machine !== null && person !== null ? `${machine} (${person})` : (machine ?? person ?? '');
    return { key: JSON.stringify([person, machine]), name };
  }
  const normalised = file
    .split(path.sep)
    .join('/')
    .replace(/\.json$/i, '');
  const undated = normalised
    .replace(datePart, '')
    .replace(/[-_.]+(?=\/|$)/g, '')
    .replace(/\/{2,}/g, '/')
    .replace(/\/$/, '');
  const stem = undated || normalised;
  return { key: `file:${stem}`, name: stem.split('/').slice(-2).join('/') || stem };
}
