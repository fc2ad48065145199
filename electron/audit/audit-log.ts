import fs from 'node:fs';
import path from 'node:path';
import { auditEntrySchema, type AuditEntry, type AuditEvent } from '../../shared/contract/audit-calls.js';
import { oneLineText, terminalSafe } from '../../shared/terminal-text.js';
import { redact } from '../redact.js';
import type { MetadataStore } from '../vault/metadata-store.js';

export const auditFileName = 'audit.jsonl';

/** The audit log beside the vault file: append-only JSON Lines, mode 0600. */
export const auditFileOf = (store: Pick<MetadataStore, 'path'>): string =>
  path.join(path.dirname(store.path), auditFileName);

export interface AuditStep {
  event: AuditEvent;
  tokenId: string;
  label: string;
  detail: string;
  /** ms since epoch. */
  at: number;
}

/**
 * Append one lifecycle step. One write of one line with O_APPEND, so lines from several processes
 * never interleave; an audit failure never fails the step it records.
 */
export function recordAudit(store: Pick<MetadataStore, 'path'>, step: AuditStep): void {
  recordAudits(store, [step]);
}

const lineOf = (step: AuditStep): string => {
  const entry: AuditEntry = {
    at: new Date(step.at).toISOString(),
    event: step.event,
    tokenId: step.tokenId,
    // File names and provider words reach these lines: one terminal-safe line each, no piece of a secret.
    label: oneLineText(redact(step.label), 200),
    detail: oneLineText(redact(step.detail), 1000),
  };
  return `${JSON.stringify(entry)}\n`;
};

/** Append many steps in one write (a listing that shows thousands of reminders opens the log once). */
export function recordAudits(store: Pick<MetadataStore, 'path'>, steps: readonly AuditStep[]): void {
  if (steps.length === 0) return;
  const file = auditFileOf(store);
  try {
    // O_NOFOLLOW: a link planted in place of the log is refused, never written through.
    const fd = fs.openSync(
      file,
      fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | (fs.constants.O_NOFOLLOW ?? 0),
      0o600,
    );
    try {
      fs.writeSync(fd, steps.map(lineOf).join(''));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // The step itself happened; losing its log line must not undo or fail it.
  }
}

/** Every readable entry, oldest first; one token's when `tokenId` is given. Torn or foreign lines are skipped. */
export function readAudit(store: Pick<MetadataStore, 'path'>, tokenId?: string): AuditEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(auditFileOf(store), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = auditEntrySchema.safeParse(JSON.parse(line));
      // Lines written before terminal-safe logging may hold raw escapes: shown escaped all the same.
      if (parsed.success && (!tokenId || parsed.data.tokenId === tokenId)) {
        entries.push({
          ...parsed.data,
          label: terminalSafe(parsed.data.label),
          detail: terminalSafe(parsed.data.detail),
        });
      }
    } catch {
      // A line cut short by a crash: the rest of the log still reads.
    }
  }
  return entries;
}

/** How a `reminded` entry names its reminder, so a repeated look can tell it was already logged. */
export const reminderRef = (reminderId: string): string => `(reminder ${reminderId})`;
const reminderRefPattern = /\(reminder ([a-z0-9-]+\.[a-z0-9-]+\.[a-z0-9]+)\)/;

/** Reminder id → when the log last recorded it (ms since epoch). Only `reminded` lines are parsed. */
export function remindedAt(store: Pick<MetadataStore, 'path'>): Map<string, number> {
  const latest = new Map<string, number>();
  let text: string;
  try {
    text = fs.readFileSync(auditFileOf(store), 'utf8');
  } catch {
    // No log yet (or none readable): nothing was recorded.
    return latest;
  }
  // Lines are written by recordAudits only ({"at":…,"event":…} first): read the two fields without parsing every line.
  for (const line of text.split('\n')) {
    if (!line.includes('"event":"reminded"') || !line.endsWith('}')) continue;
    const at = Date.parse(/^\{"at":"([^"]+)"/.exec(line)?.[1] ?? '');
    const id = reminderRefPattern.exec(line)?.[1];
    if (id && !Number.isNaN(at)) latest.set(id, Math.max(at, latest.get(id) ?? -Infinity));
  }
  return latest;
}
