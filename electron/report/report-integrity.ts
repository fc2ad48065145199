import { createHash } from 'node:crypto';

/**
 * JSON in the canonical form of RFC 8785 (JCS) for the values a report holds: object members
 * sorted by their names' UTF-16 code units, no whitespace, strings and numbers as ECMAScript's
 * JSON.stringify writes them. Members whose value is undefined are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** `sha256:<hex>` of a report's canonical JSON without its `integrity` member. */
export function integrityOf(report: object): string {
  const { integrity: _left, ...content } = report as Record<string, unknown>;
  return `sha256:${createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex')}`;
}

/** The report with its integrity line (last, so it is the file's last line but one). */
export function sealed<T extends object>(report: T): T & { integrity: string } {
  const { integrity: _old, ...content } = report as T & { integrity?: string };
  return { ...(content as T), integrity: integrityOf(content) };
}
