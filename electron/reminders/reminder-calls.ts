import type { ReminderApi } from '../../shared/api.js';
import { fail, ok } from '../../shared/result.js';
import { guarded } from '../guarded.js';
import type { ServiceParts } from '../service-parts.js';
import { createReminderScheduler } from './scheduler.js';

/** The reminder calls: all from metadata and the clock, never a provider call. */
export function reminderCalls({ store, now }: ServiceParts): ReminderApi {
  const scheduler = createReminderScheduler({ store, now });
  return {
    listReminders: ({ due }) => guarded(async () => ok(await scheduler.list(due === true))),
    collectDueReminders: () => guarded(async () => ok({ notification: await scheduler.collectDue() })),
    snoozeReminder: ({ id, for: span }) =>
      guarded(async () => {
        const snoozed = await scheduler.snooze(id, span);
        return snoozed
          ? ok({ snoozed })
          : fail(
              'not-found',
              `Nothing to snooze for ${id}: it is neither a reminder nor a token with a reminder due now. List them with \`lapse reminders\`.`,
            );
      }),
    getReminderSettings: () => guarded(async () => ok(await scheduler.settings())),
    setReminderSettings: ({ tokenId, tiers, muted }) =>
      guarded(async () => {
        const settings = await scheduler.setTokenSettings(tokenId, { tiers, muted });
        return settings ? ok(settings) : fail('not-found', `No token with id ${tokenId}. List tokens to see the ids.`);
      }),
    setDesktopSettings: (change) => guarded(async () => ok(await scheduler.setDesktopSettings(change))),
    getCalendar: () => guarded(async () => ok(await scheduler.calendar())),
    unsnoozeReminder: ({ id }) =>
      guarded(async () => {
        const unsnoozed = await scheduler.unsnooze(id);
        return unsnoozed.length
          ? ok({ unsnoozed })
          : fail('not-found', `Nothing snoozed for ${id}. List reminders with \`lapse reminders\`.`);
      }),
  };
}
