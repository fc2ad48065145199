import { z } from 'zod';
import {
  reminderIdSchema,
  reminderKinds,
  reminderStates,
  reminderTierListSchema,
  reminderTierSchema,
  snoozeSpanNames,
} from '../reminders.js';
import { isoInstantSchema, noArgument, tokenIdSchema, type CallOf } from './call.js';

/** One reminder as every face lists it. Built from metadata only: no provider call, no secret. */
export const reminderViewSchema = z.object({
  id: reminderIdSchema,
  tokenId: tokenIdSchema,
  label: z.string(),
  kind: z.enum(reminderKinds),
  /** The lead time for expiry reminders; null for rotation and verification. */
  tier: reminderTierSchema.nullable(),
  /** When the lifecycle rules make it due. */
  dueAt: isoInstantSchema,
  /** When it fires: dueAt, or the end of a snooze. */
  firesAt: isoInstantSchema,
  state: z.enum(reminderStates),
  /** When a notification last said it; null if never. */
  sentAt: isoInstantSchema.nullable(),
  snoozedUntil: isoInstantSchema.nullable(),
  /** One line, with the numbers, e.g. `"CI deploy" expires in 7 days`. */
  title: z.string(),
  /** What to do about it. */
  body: z.string(),
});
export type ReminderView = z.infer<typeof reminderViewSchema>;

/** What the tray and a banner show: how many tokens need action, and the next expiry. */
export const reminderSummarySchema = z.object({
  /** Tokens with a warning or critical finding (what `lapse check` fails on by default). */
  needAction: z.number().int(),
  nextExpiry: z.object({ tokenId: tokenIdSchema, label: z.string(), expiresAt: isoInstantSchema }).nullable(),
});

/** One OS or Web notification: a single reminder, or one summary of several (after a gap). */
export const reminderNotificationSchema = z.object({
  title: z.string(),
  body: z.string(),
  /** The token a click opens; null for a summary of several tokens. */
  tokenId: tokenIdSchema.nullable(),
  reminderIds: z.array(reminderIdSchema),
  summary: z.boolean(),
});
export type ReminderNotification = z.infer<typeof reminderNotificationSchema>;

export const tokenReminderSettingsSchema = z.object({
  tokenId: tokenIdSchema,
  /** The lead times in force for this token, longest first. */
  tiers: reminderTierListSchema,
  /** True when the token has its own tiers rather than the defaults. */
  customTiers: z.boolean(),
  muted: z.boolean(),
});

export const desktopSettingsSchema = z.object({
  /** Closing the window keeps Lapse running in the tray, so reminders still fire. */
  keepInTray: z.boolean(),
  /** Start Lapse (in the tray) when the user logs in. */
  startAtLogin: z.boolean(),
});

/** Offline reminders: what is due, notifications that fire once, snooze, mute, a calendar. */
export const reminderCalls = {
  listReminders: {
    input: z.object({ due: z.boolean().optional() }).strict(),
    output: z.object({
      reminders: z.array(reminderViewSchema),
      summary: reminderSummarySchema,
      evaluatedAt: isoInstantSchema,
    }),
  },
  collectDueReminders: { input: noArgument, output: z.object({ notification: reminderNotificationSchema.nullable() }) },
  snoozeReminder: {
    input: z.object({ id: z.union([reminderIdSchema, tokenIdSchema]), for: z.enum(snoozeSpanNames) }).strict(),
    output: z.object({ snoozed: z.array(z.object({ id: reminderIdSchema, snoozedUntil: isoInstantSchema })) }),
  },
  getReminderSettings: {
    input: noArgument,
    output: z.object({
      defaultTiers: reminderTierListSchema,
      tokens: z.array(tokenReminderSettingsSchema),
      desktop: desktopSettingsSchema,
    }),
  },
  setReminderSettings: {
    input: z
      .object({
        tokenId: tokenIdSchema,
        tiers: reminderTierListSchema.nullable().optional(),
        muted: z.boolean().optional(),
      })
      .strict(),
    output: tokenReminderSettingsSchema,
  },
  setDesktopSettings: { input: desktopSettingsSchema.partial().strict(), output: desktopSettingsSchema },
  getCalendar: { input: noArgument, output: z.object({ ics: z.string(), events: z.number().int() }) },
  unsnoozeReminder: {
    input: z.object({ id: z.union([reminderIdSchema, tokenIdSchema]) }).strict(),
    output: z.object({ unsnoozed: z.array(reminderIdSchema) }),
  },
} as const;

type Calls = typeof reminderCalls;

export interface ReminderApi {
  /** Due reminders (and, unless `due`, the next one to come per token and kind), plus the tray summary. Marks nothing sent. */
  listReminders: CallOf<Calls['listReminders']>;
  /**
   * The one notification to show now, recorded as sent in the same locked write, so each reminder
   * fires once across restarts and processes; several due at once (after sleep or days offline)
   * come as one summary. The desktop app's main process calls this; the browser shell's page calls
   * it for Web Notifications. The desktop window does not (main already notifies).
   */
  collectDueReminders: CallOf<Calls['collectDueReminders']>;
  /** Remind again after 1 hour, 1 day or 1 week: one reminder by its id, or every due reminder of a token by the token's id. */
  snoozeReminder: CallOf<Calls['snoozeReminder']>;
  /** The default lead times, each token's own settings, and the desktop settings (tray, start at login). */
  getReminderSettings: CallOf<Calls['getReminderSettings']>;
  /** Set a token's lead times (`tiers`; null returns to the defaults) or mute it. */
  setReminderSettings: CallOf<Calls['setReminderSettings']>;
  /** Change whether closing the window keeps Lapse in the tray, and whether it starts at login. */
  setDesktopSettings: CallOf<Calls['setDesktopSettings']>;
  /** An RFC 5545 calendar: one event per expiry, alarms at the lead times, stable UIDs. */
  getCalendar: CallOf<Calls['getCalendar']>;
  /** End a snooze now: one reminder by its id, or every snoozed reminder of a token by the token's id. */
  unsnoozeReminder: CallOf<Calls['unsnoozeReminder']>;
}
