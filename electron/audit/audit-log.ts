import fs from 'node:fs';
import path from 'node:path';
import { auditEntrySchema, type AuditEntry, type AuditEvent } from '../../shared/contract/audit-calls.js';
import { redact } from '../redact.js';
import type { MetadataStore } from '../vault/metadata-store.js';

export const auditFileName = 'audit.jsonl';

/** The audit log beside the vault file: append-only JSON Lines, mode 0600. */
export const auditFileOf = (store: Pick<MetadataStore, 'path'>): string => path.join(path.dirname(store.path), auditFileName);

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
  const entry: AuditEntry = {
    at: new Date(step.at).toISOString(),
    event: step.event,
    tokenId: step.tokenId,
    label: redact(step.label).slice(0, 200),
    detail: redact(step.detail).replace(/\s+/g, ' ').trim().slice(0, 1000),
  };
  const file = auditFileOf(store);
  try {
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o600);
    try {
      fs.writeSync(fd, `${JSON.stringify(entry)}\n`);
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
      if (parsed.success && (!tokenId || parsed.data.tokenId === tokenId)) entries.push(parsed.data);
    } catch {
      // A line cut short by a crash: the rest of the log still reads.
    }
  }
  return entries;
}
