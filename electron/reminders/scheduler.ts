import type { z } from 'zod';
import type { reminderCalls, ReminderNotification, ReminderView } from '../../shared/contract/reminder-calls.js';
import {
  defaultReminderTiers,
  normaliseTiers,
  snoozeSpans,
  type ReminderTier,
  type SnoozeSpan,
} from '../../shared/reminders.js';
import { recordAudits, reminderRef } from '../audit/audit-log.js';
import type { MetadataStore } from '../vault/metadata-store.js';
import type { VaultFile } from '../vault/vault-file.js';
import { collectDue } from './collect-due.js';
import { expiryCalendar } from './ics.js';
import { logReminded, logSnoozed, remindedStep } from './reminder-audit.js';
import { anythingToSend, needsSending, reminderView, remindersAt } from './reminders-now.js';
import { tiersOf } from './schedule.js';
import { reminderSummary } from './tray-summary.js';

type Output<M extends keyof typeof reminderCalls> = z.output<(typeof reminderCalls)[M]['output']>;
type TokenSettings = Output<'setReminderSettings'>;
type DesktopSettings = Output<'setDesktopSettings'>;

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

/** A token's reminder settings as the contract shows them (its own lead times, or the defaults). */
const tokenSettings = (
  tokenId: string,
  state: { tiers?: ReminderTier[] | undefined; muted: boolean } | undefined,
): TokenSettings => ({
  tokenId,
  tiers: tiersOf(state),
  customTiers: state?.tiers !== undefined,
  muted: state?.muted ?? false,
});

/** The audit entry for a snooze ended by hand (none once the token is gone). */
const snoozeEnded = (rid: string, tokens: VaultFile['tokens'], at: number) => {
  const record = tokens[rid.split('.')[0] ?? ''];
  return record
    ? [
        {
          event: 'reminded' as const,
          tokenId: record.id,
          label: record.label,
          detail: `Snooze ended by hand: the reminder is back ${reminderRef(rid)}.`,
          at,
        },
      ]
    : [];
};

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

    async snooze(id, span) {
      const at = now();
      const done = await store.update((vault) => {
        const items = remindersAt(vault, at);
        const chosen = vault.tokens[id]
          ? items.filter((item) => item.plan.tokenId === id && item.state === 'due')
          : items.filter((item) => item.plan.id === id);
        if (chosen.length === 0) return null;
        const snoozedUntil = new Date(at + snoozeSpans[span]).toISOString();
        for (const item of chosen) vault.reminders.snoozed[item.plan.id] = snoozedUntil;
        return { snoozedUntil, steps: chosen.map((item) => remindedStep(item, vault, at)) };
      });
      if (!done) return null;
      logSnoozed(store, done.steps, done.snoozedUntil, at);
      return done.steps.map((step) => ({ id: step.id, snoozedUntil: done.snoozedUntil }));
    },

    async unsnooze(id) {
      const at = now();
      const ended = await store.update((vault) => {
        const ids = Object.keys(vault.reminders.snoozed).filter((rid) => rid === id || rid.startsWith(`${id}.`));
        for (const rid of ids) delete vault.reminders.snoozed[rid];
        return ids;
      });
      const { tokens } = await store.read();
      recordAudits(
        store,
        ended.flatMap((rid) => snoozeEnded(rid, tokens, at)),
      );
      return ended;
    },

    setTokenSettings: (tokenId, { tiers, muted }) =>
      store.update((vault) => {
        if (!vault.tokens[tokenId]) return null;
        const next = { ...(vault.reminders.tokens[tokenId] ?? { muted: false }) };
        if (tiers === null) delete next.tiers;
        else if (tiers !== undefined) next.tiers = normaliseTiers(tiers);
        if (muted !== undefined) next.muted = muted;
        vault.reminders.tokens[tokenId] = next;
        return tokenSettings(tokenId, next);
      }),

    async settings() {
      const { reminders } = await store.read();
      return {
        defaultTiers: [...defaultReminderTiers],
        tokens: Object.entries(reminders.tokens).map(([tokenId, state]) => tokenSettings(tokenId, state)),
        desktop: { keepInTray: reminders.keepInTray, startAtLogin: reminders.startAtLogin },
      };
    },

    setDesktopSettings: (change) =>
      store.update((vault) => {
        Object.assign(vault.reminders, Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)));
        return { keepInTray: vault.reminders.keepInTray, startAtLogin: vault.reminders.startAtLogin };
      }),

    calendar: async () => expiryCalendar(await store.read(), now()),
  };
}
