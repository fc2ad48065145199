import { createHash } from 'node:crypto';

/**
 * JSON in the canonical form of RFC 8785 (JCS) for the values a report holds: object members
 * sorted by their names' UTF-16 code units, no whitespace, strings and numbers as ECMAScript's
 * JSON.stringify writes them. Members whose value is undefined are left out, as JSON.stringify does.
 */
// Strings with nothing to escape are written as they are: the common case, and much faster.
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;

export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return needsEscape.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      out += (i ? ',' : '') + (item === undefined ? 'null' : canonicalJson(item));
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, as RFC 8785 asks.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${first ? '' : ','}${canonicalJson(key)}:${canonicalJson(member)}`;
    first = false;
  }
  return `${out}}`;
}

/** `sha256:<hex>` of a report's canonical JSON without its `integrity` member. */
export function integrityOf(report: object): string {
  const { integrity: _left, ...content } = report as Record<string, unknown>;
  return `sha256:${createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex')}`;
}

/**
 * The report with its integrity line (last, so it is the file's last line but one). The hash is
 * taken the first time `integrity` is read — by the JSON writer, or the contract's check of a
 * call's result — so the Markdown, HTML and CSV reports, which do not show it, do not pay for it.
 * The report is not changed after it is made, so when the hash is taken does not change it.
 */
export function sealed<T extends object>(report: T): T & { integrity: string } {
  const { integrity: _old, ...content } = report as T & { integrity?: string };
  let integrity: string | undefined;
  return Object.defineProperty({ ...(content as T) }, 'integrity', {
    enumerable: true,
    get: () => (integrity ??= integrityOf(content)),
  }) as T & { integrity: string };
}
