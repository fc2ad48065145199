import { z } from 'zod';
import { reminderTierListSchema } from '../../shared/reminders.js';

const isoInstant = z.iso.datetime({ offset: true });

/** A token's own reminder settings: its lead times (absent: the defaults) and whether it is muted. */
export const tokenReminderStateSchema = z.object({
  tiers: reminderTierListSchema.optional(),
  muted: z.boolean().default(false),
});
export type TokenReminderState = z.infer<typeof tokenReminderStateSchema>;

/** The `reminders` section of the vault file: settings, and what was sent, so each reminder fires once. */
export const reminderStateSchema = z.object({
  tokens: z.record(z.string(), tokenReminderStateSchema).default({}),
  /** Reminder id → when its notification was sent. */
  fired: z.record(z.string(), isoInstant).default({}),
  /** Reminder id → when a snooze ends. */
  snoozed: z.record(z.string(), isoInstant).default({}),
  keepInTray: z.boolean().default(true),
  startAtLogin: z.boolean().default(false),
});
