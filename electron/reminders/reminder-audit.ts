import { recordAudits, reminderRef, remindedAt } from '../audit/audit-log.js';
import type { MetadataStore } from '../vault/metadata-store.js';
import type { VaultFile } from '../vault/vault-file.js';
import { reminderView, type ReminderItem } from './reminders-now.js';

/** A reminder as the audit log names it: which one, for which token, worded when it was shown. */
export interface RemindedStep {
  id: string;
  tokenId: string;
  label: string;
  title: string;
  dueAt: number;
  /** A snooze that ended: the reminder came back, and showing it again is a new step. */
  snoozedUntil: number | null;
}

/** Worded at `now` from the vault it was decided on (call inside `store.update` when the vault changes). */
export const remindedStep = (item: ReminderItem, vault: VaultFile, now: number): RemindedStep => ({
  id: item.plan.id,
  tokenId: item.plan.tokenId,
  label: item.record.label,
  title: reminderView(item, vault, now).title,
  dueAt: item.plan.dueAt,
  snoozedUntil: item.snoozedUntil,
});

const how = { notified: 'sent as a notification', listed: 'shown in the reminder list' } as const;

/**
 * One `reminded` line per reminder the person was shown, the first time it is shown (and again
 * once a snooze of it has ended), however many faces or looks show it: the log is the record.
 */
export function logReminded(
  store: Pick<MetadataStore, 'path'>,
  shown: RemindedStep[],
  by: keyof typeof how,
  at: number,
): void {
  if (shown.length === 0) return;
  const logged = remindedAt(store);
  const steps = [];
  for (const r of shown) {
    const last = logged.get(r.id);
    if (last !== undefined && last >= (r.snoozedUntil ?? -Infinity)) continue;
    logged.set(r.id, at);
    steps.push({
      event: 'reminded' as const,
      tokenId: r.tokenId,
      label: r.label,
      detail: `Reminder ${how[by]}: ${r.title}; due ${new Date(r.dueAt).toISOString()} ${reminderRef(r.id)}.`,
      at,
    });
  }
  recordAudits(store, steps);
}

/** The person's answer to a reminder: snoozed until a time. One line per reminder snoozed. */
export function logSnoozed(
  store: Pick<MetadataStore, 'path'>,
  snoozed: RemindedStep[],
  until: string,
  at: number,
): void {
  recordAudits(
    store,
    snoozed.map((r) => ({
      event: 'reminded' as const,
      tokenId: r.tokenId,
      label: r.label,
      detail: `Reminder snoozed until ${until}: ${r.title}; due ${new Date(r.dueAt).toISOString()} ${reminderRef(r.id)}.`,
      at,
    })),
  );
}
