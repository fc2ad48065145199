import { describeExpiry } from '../../shared/countdown.js';
import type { TokenView } from '../../shared/model.js';
import { providerNames } from '../../shared/providers.js';
import { tokenViewFields } from '../../shared/token-view-fields.js';
import type { LapseError, Result } from '../../shared/result.js';
import { terminalSafe } from '../../shared/terminal-text.js';

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
  return Object.fromEntries(tokenViewFields.map((field) => [field, view[field]]));
}

const statusWord = (view: TokenView) => view.status.toUpperCase();

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ').trimEnd()).join('\n');
}

export function listTable(views: TokenView[], now: number): string {
  if (views.length === 0) return 'No tokens yet. Add one: echo "$TOKEN" | lapse add --label "what it is for"';
  const header = ['ID', 'STATUS', 'EXPIRES', 'PROVIDER', 'LABEL', 'ACCOUNT', 'TOKEN'];
  const rows = views.map((v) => [
    v.id.slice(0, 8),
    statusWord(v),
    describeExpiry(v.expiresAt, now),
    providerNames[v.provider],
    terminalSafe(v.label),
    terminalSafe(v.account ?? '—'),
    terminalSafe(v.masked),
  ]);
  return table([header, ...rows]);
}

export function detailText(view: TokenView, now: number): string {
  const when = (iso: string | null) => iso ?? '—';
  const s = terminalSafe;
  const lines = [
    `${s(view.label)}  (${providerNames[view.provider]} ${s(view.kind)})`,
    `  id           ${view.id}`,
    `  token        ${s(view.masked)}   fingerprint ${view.fingerprint}`,
    `  status       ${statusWord(view)}`,
    `  expires      ${view.expiresAt ? `${describeExpiry(view.expiresAt, now)} (${view.expiresAt})` : 'never'}`,
    `  account      ${s(view.account ?? '—')}`,
    `  purpose      ${s(view.purpose || '—')}`,
    `  scopes       ${s(view.scopes.join(', ') || '—')}`,
    `  tags         ${s(view.tags.join(', ') || '—')}`,
    `  base URL     ${s(view.baseUrl ?? 'provider default')}`,
    `  created      ${view.createdAt}`,
    `  verified     ${when(view.lastVerifiedAt)}`,
    `  used         ${when(view.lastUsedAt)}`,
    `  rotated      ${when(view.lastRotatedAt)}`,
  ];
  if (view.findings.length) {
    lines.push('  findings');
    // Finding messages quote file paths and provider words.
    for (const f of view.findings) lines.push(`    [${f.severity}] ${f.code}: ${s(f.message)}`);
  }
  return lines.join('\n');
}
