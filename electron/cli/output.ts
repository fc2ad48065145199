import { describeExpiry } from '../../shared/countdown.js';
import { addedAtOf } from '../../shared/lifecycle.js';
import type { TokenView } from '../../shared/model.js';
import { providerNames } from '../../shared/providers.js';
import type { LapseError, Result } from '../../shared/result.js';
import { terminalSafe } from '../../shared/terminal-text.js';
import { tokenViewFields } from '../../shared/token-view-fields.js';
import { kindPhrase } from '../../shared/token-words.js';
import { noPaint, type Paint } from './colour.js';

/** A failed service call, carried to main() which prints it and picks the exit code. */
export class CallFailed extends Error {
  constructor(readonly error: LapseError) {
    super(error.message);
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CallFailed(result.error);
  return result.value;
}

/** Exactly the documented JSON fields, in order. Never the secret. */
export function jsonView(view: TokenView): Record<string, unknown> {
  // Every documented field is present: records from before addedAt / expiryUnknown read as their defaults.
  const full = { ...view, addedAt: addedAtOf(view), expiryUnknown: view.expiryUnknown === true };
  return Object.fromEntries(tokenViewFields.map((field) => [field, full[field]]));
}

const statusWord = (view: TokenView) => view.status.toUpperCase();

/** "in 3 days", "expired 2 days ago", "never", "unknown". */
export const expiryWords = (view: Pick<TokenView, 'expiresAt' | 'expiryUnknown'>, now: number): string =>
  view.expiresAt ? describeExpiry(view.expiresAt, now) : view.expiryUnknown ? 'unknown' : 'never';

/** Columns padded on the plain text; `paintCell` colours a padded cell (colour codes have no width). */
function table(
  rows: string[][],
  paintCell: (row: number, col: number, padded: string) => string = (_r, _c, p) => p,
): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows
    .map((row, r) =>
      row
        .map((cell, col) => paintCell(r, col, col === row.length - 1 ? cell : cell.padEnd(widths[col] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function listTable(views: TokenView[], now: number, paint: Paint = noPaint): string {
  if (views.length === 0) return 'No tokens yet. Add one: echo "$TOKEN" | lapse add --label "what it is for"';
  const header = ['ID', 'STATUS', 'EXPIRES', 'PROVIDER', 'LABEL', 'ACCOUNT', 'TOKEN'];
  const rows = views.map((v) => [
    v.id.slice(0, 8),
    statusWord(v),
    expiryWords(v, now),
    providerNames[v.provider],
    terminalSafe(v.label),
    terminalSafe(v.account ?? '—'),
    terminalSafe(v.masked),
  ]);
  return table([header, ...rows], (r, col, padded) => {
    if (r === 0) return paint.bold(padded);
    const view = views[r - 1];
    return col === 1 && view ? paint.status(view.status, padded) : padded;
  });
}

export function detailText(view: TokenView, now: number, paint: Paint = noPaint): string {
  const when = (iso: string | null) => iso ?? '—';
  const s = terminalSafe;
  const granted = view.grantedScopes === null ? 'unknown until verified' : s(view.grantedScopes.join(', ')) || 'none';
  const expires = view.expiresAt
    ? `${describeExpiry(view.expiresAt, now)} (${view.expiresAt})`
    : view.expiryUnknown
      ? 'unknown (not set, and the token does not say)'
      : 'never';
  const lines = [
    `${paint.bold(s(view.label))}  (${s(kindPhrase(view.provider, view.kind))})`,
    `  id           ${view.id}`,
    `  token        ${s(view.masked)}   fingerprint ${view.fingerprint}`,
    `  status       ${paint.status(view.status, statusWord(view))}`,
    `  expires      ${expires}`,
    `  account      ${s(view.account ?? '—')}`,
    `  purpose      ${s(view.purpose || '—')}`,
    `  scopes       ${s(view.scopes.join(', ') || '—')} (declared: what its purpose needs)`,
    `  granted      ${granted} (${view.grantedScopes === null ? 'the provider has not said' : 'as the provider or the token itself says'})`,
    `  tags         ${s(view.tags.join(', ') || '—')}`,
    `  base URL     ${s(view.baseUrl ?? 'provider default')}`,
    `  created      ${view.createdAt}`,
    `  added        ${addedAtOf(view)}`,
    `  verified     ${when(view.lastVerifiedAt)}`,
    `  used         ${when(view.lastUsedAt)}`,
    `  rotated      ${when(view.lastRotatedAt)}`,
  ];
  if (view.findings.length) {
    lines.push('  findings');
    // Finding messages quote file paths and provider words.
    for (const f of view.findings)
      lines.push(`    ${paint.severity(f.severity, `[${f.severity}]`)} ${f.code}: ${s(f.message)}`);
  }
  return lines.join('\n');
}
