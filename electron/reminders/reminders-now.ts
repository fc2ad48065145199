import type { ReminderView } from '../../shared/contract/reminder-calls.js';
import type { TokenRecord } from '../../shared/model.js';
import type { VaultFile } from '../vault/vault-file.js';
import { reminderText } from './reminder-text.js';
import { planToken, policyOf, seriesAt, type PlannedReminder } from './schedule.js';

/** A planned reminder with where it stands at an instant and what was sent. */
export interface ReminderItem {
  plan: PlannedReminder;
  record: TokenRecord;
  state: ReminderView['state'];
  firesAt: number;
  sentAt: number | null;
  snoozedUntil: number | null;
}

const instant = (iso: string | undefined) => (iso === undefined ? null : Date.parse(iso));
const stateOrder: Record<ReminderItem['state'], number> = { due: 0, snoozed: 1, upcoming: 2 };
// Code-unit order: ids are ASCII, and localeCompare is slow enough to dominate a large vault.
const byId = (a: ReminderItem, b: ReminderItem) => (a.plan.id < b.plan.id ? -1 : a.plan.id > b.plan.id ? 1 : 0);

/** Calls `visit` with each unmuted token's reminders at `now`: per series the latest due (earlier ones are superseded) and, unless `dueOnly`, the next. */
function eachReminder(vault: VaultFile, now: number, dueOnly: boolean, visit: (item: ReminderItem) => void): void {
  const { fired, snoozed, tokens: settings } = vault.reminders;
  for (const record of Object.values(vault.tokens)) {
    if (settings[record.id]?.muted) continue;
    for (const { current, next } of seriesAt(planToken(record, vault.policy, settings[record.id]), now)) {
      if (current) {
        const snoozedUntil = instant(snoozed[current.id]);
        const firesAt = snoozedUntil === null ? current.dueAt : Math.max(current.dueAt, snoozedUntil);
        const state = firesAt > now ? 'snoozed' : 'due';
        if (!dueOnly || state === 'due')
          visit({ plan: current, record, state, firesAt, sentAt: instant(fired[current.id]), snoozedUntil });
      }
      if (next && !dueOnly) {
        const snoozedUntil = instant(snoozed[next.id]);
        visit({
          plan: next,
          record,
          state: 'upcoming',
          firesAt: Math.max(next.dueAt, snoozedUntil ?? next.dueAt),
          sentAt: null,
          snoozedUntil,
        });
      }
    }
  }
}

/**
 * Each unmuted token's reminders at `now`: per series, the latest one due (so a gap never
 * replays the ones before it) and, unless `dueOnly`, the next one to come. Due first. Pure.
 */
export function remindersAt(vault: VaultFile, now: number, dueOnly = false): ReminderItem[] {
  const items: ReminderItem[] = [];
  eachReminder(vault, now, dueOnly, (item) => items.push(item));
  return items.sort((a, b) => stateOrder[a.state] - stateOrder[b.state] || a.firesAt - b.firesAt || byId(a, b));
}

/** Due and not yet notified, or notified before a snooze that has since ended. */
export const needsSending = (item: ReminderItem): boolean =>
  item.state === 'due' && (item.sentAt === null || (item.snoozedUntil !== null && item.sentAt < item.snoozedUntil));

/** Whether anything is waiting to be sent: the common answer "no" without building a list. */
export function anythingToSend(vault: VaultFile, now: number): boolean {
  let found = false;
  eachReminder(vault, now, true, (item) => (found ||= needsSending(item)));
  return found;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A reminder as the contract shows it: worded at `now`, or at its fire time if it is still to come. */
export function reminderView(item: ReminderItem, vault: VaultFile, now: number): ReminderView {
  const { plan, record } = item;
  return {
    id: plan.id,
    tokenId: plan.tokenId,
    label: record.label,
    kind: plan.kind,
    tier: plan.tier,
    dueAt: new Date(plan.dueAt).toISOString(),
    firesAt: new Date(item.firesAt).toISOString(),
    state: item.state,
    sentAt: iso(item.sentAt),
    snoozedUntil: iso(item.snoozedUntil),
    ...reminderText(plan, record, policyOf(record, vault.policy), item.state === 'upcoming' ? item.firesAt : now),
  };
}
