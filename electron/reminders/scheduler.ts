import type { z } from 'zod';
import type { reminderCalls, ReminderNotification, ReminderView } from '../../shared/contract/reminder-calls.js';
import type { ReminderTier, SnoozeSpan } from '../../shared/reminders.js';
import type { MetadataStore } from '../vault/metadata-store.js';
import { collectDue } from './collect-due.js';
import { expiryCalendar } from './ics.js';
import { logReminded, remindedStep } from './reminder-audit.js';
import {
  reminderSettings,
  setDesktopSettings,
  setTokenSettings,
  type DesktopSettings,
  type TokenSettings,
} from './reminder-settings.js';
import { anythingToSend, needsSending, reminderView, remindersAt } from './reminders-now.js';
import { endSnoozes, snoozeReminders } from './snoozes.js';
import { reminderSummary } from './tray-summary.js';

type Output<M extends keyof typeof reminderCalls> = z.output<(typeof reminderCalls)[M]['output']>;

/** The reminder scheduler: every decision over the vault file, at the instant its clock says. */
export interface ReminderScheduler {
  /** Due reminders, and unless `dueOnly` the next per token and series. Read-only. */
  list(dueOnly: boolean): Promise<Output<'listReminders'>>;
  /** The one notification to show now, recorded as sent in the same locked write. */
  collectDue(): Promise<ReminderNotification | null>;
  /** Snooze one reminder, or every due reminder of a token; null when the id names neither. */
  snooze(id: string, span: SnoozeSpan): Promise<{ id: string; snoozedUntil: string }[] | null>;
  /** End snoozes now: one reminder's, or every one of a token's; the ids whose snooze ended. */
  unsnooze(id: string): Promise<string[]>;
  /** Null when there is no such token. */
  setTokenSettings(
    tokenId: string,
    change: { tiers?: ReminderTier[] | null; muted?: boolean },
  ): Promise<TokenSettings | null>;
  settings(): Promise<Output<'getReminderSettings'>>;
  setDesktopSettings(change: Partial<DesktopSettings>): Promise<DesktopSettings>;
  calendar(): Promise<Output<'getCalendar'>>;
}

export interface SchedulerParts {
  store: MetadataStore;
  /** ms since epoch; tests pass a clock they move. */
  now: () => number;
}

export function createReminderScheduler({ store, now }: SchedulerParts): ReminderScheduler {
  // When this process last looked: a long pause since then (sleep, lid closed) is a gap.
  let lastLook: number | null = null;

  return {
    async list(dueOnly) {
      const at = now();
      const vault = await store.read();
      const items = remindersAt(vault, at, dueOnly);
      const reminders: ReminderView[] = items.map((item) => reminderView(item, vault, at));
      // Shown is reminded: the audit log (not the vault, which listing leaves as it was) records each once.
      logReminded(
        store,
        items.filter((item) => item.state === 'due').map((item) => remindedStep(item, vault, at)),
        'listed',
        at,
      );
      return { reminders, summary: reminderSummary(vault, at), evaluatedAt: new Date(at).toISOString() };
    },

    async collectDue() {
      const at = now();
      const before = lastLook;
      lastLook = at;
      // Most looks find nothing: answer those from a read, so the file is not rewritten every minute.
      if (!anythingToSend(await store.read(), at)) return null;
      const { notification, sent } = await store.update((vault) => {
        const sent = remindersAt(vault, at, true)
          .filter(needsSending)
          .map((item) => remindedStep(item, vault, at));
        return { notification: collectDue(vault, at, before), sent };
      });
      logReminded(store, sent, 'notified', at);
      return notification;
    },

    snooze: (id, span) => snoozeReminders({ store, now }, id, span),
    unsnooze: (id) => endSnoozes({ store, now }, id),
    setTokenSettings: (tokenId, change) => setTokenSettings(store, tokenId, change),
    settings: () => reminderSettings(store),
    setDesktopSettings: (change) => setDesktopSettings(store, change),
    calendar: async () => expiryCalendar(await store.read(), now()),
  };
}
