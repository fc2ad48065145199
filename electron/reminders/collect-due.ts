import type { ReminderNotification } from '../../shared/contract/reminder-calls.js';
import type { VaultFile } from '../vault/vault-file.js';
import { notificationFor } from './notification.js';
import { needsSending, remindersAt } from './reminders-now.js';
import { planToken } from './schedule.js';

/** Forget sent marks, snoozes and settings of reminders that can no longer come (token deleted, expiry moved). */
function prune(vault: VaultFile): void {
  const state = vault.reminders;
  const live = new Set(
    Object.values(vault.tokens).flatMap((record) =>
      planToken(record, vault.policy, state.tokens[record.id]).map((r) => r.id),
    ),
  );
  for (const marks of [state.fired, state.snoozed]) {
    for (const id of Object.keys(marks)) if (!live.has(id)) delete marks[id];
  }
  for (const id of Object.keys(state.tokens)) if (!vault.tokens[id]) delete state.tokens[id];
}

/**
 * What to notify at `now`, recorded as sent in the vault it is given (call it inside
 * `store.update`, so the decision and the record are one locked write). At most one notification
 * per call: that is where "fires once" and "one summary after a gap" are enforced.
 */
export function collectDue(vault: VaultFile, now: number, lastLook: number | null = null): ReminderNotification | null {
  const due = remindersAt(vault, now, true).filter(needsSending);
  const notification = notificationFor(due, vault, now, lastLook);
  const sentAt = new Date(now).toISOString();
  for (const item of due) vault.reminders.fired[item.plan.id] = sentAt;
  prune(vault);
  return notification;
}
