import type { ReminderView } from '../../../shared/api.js';
import type { SnoozeSpan } from '../../../shared/reminders.js';
import { lapseApi } from '../../api/lapse-api.js';
import { showToast } from '../toasts/toasts.js';
import { shortDate } from '../tokens/dates.js';

/** Snooze one reminder and say until when, with Undo; answers the service's message when it failed. */
export async function snoozeWithUndo(
  reminder: Pick<ReminderView, 'id' | 'title'>,
  span: SnoozeSpan,
  after: () => Promise<void>,
): Promise<string | null> {
  const answer = await lapseApi.snoozeReminder({ id: reminder.id, for: span });
  if (!answer.ok) return answer.error.message;
  const until = answer.value.snoozed[0]?.snoozedUntil;
  await after();
  showToast({
    text: `Snoozed “${reminder.title}” until ${until ? shortDate(until) : 'later'}.`,
    action: {
      label: 'Undo',
      run: async () => {
        const back = await lapseApi.unsnoozeReminder({ id: reminder.id });
        await after();
        return back.ok ? null : back.error.message;
      },
    },
  });
  return null;
}
