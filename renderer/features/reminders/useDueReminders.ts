import { useCallback, useState } from 'react';
import type { ReminderView } from '../../../shared/api.js';
import type { SnoozeSpan } from '../../../shared/reminders.js';
import { lapseApi } from '../../api/lapse-api.js';
import { useLiveChanges } from '../../app/liveChanges.js';
import { snoozeWithUndo } from './snoozeWithUndo.js';
import { useEveryMinute } from '../../lib/useEveryMinute.js';
import { useAnswerEffect } from '../../lib/useAnswerEffect.js';

export interface DueReminders {
  reminders: ReminderView[];
  /** Why the last read or snooze failed, in the service's words. */
  problem: string | null;
  /** Snooze it, say until when (with Undo) and keep the keyboard in the banner or the list. */
  snooze(reminder: ReminderView, span: SnoozeSpan): Promise<void>;
}

const readDue = () => lapseApi.listReminders({ due: true });

/**
 * The reminders due now, read once the token list has loaded (`tokensVersion` null before), again
 * each minute (a tier comes due with no other change) and whenever the token list changes.
 */
export function useDueReminders(tokensVersion: unknown): DueReminders {
  const [reminders, setReminders] = useState<ReminderView[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  const apply = useCallback((result: Awaited<ReturnType<typeof readDue>>) => {
    if (result.ok) {
      setReminders(result.value.reminders.filter((r) => r.state === 'due'));
      setProblem(null);
    } else setProblem(result.error.message);
  }, []);
  const read = useCallback(() => readDue().then(apply), [apply]);

  useEveryMinute(() => void read());
  // Until the token list has loaded (null) there is nothing new to read: one read follows it.
  useAnswerEffect(() => (tokensVersion === null ? null : readDue()), [tokensVersion], apply);

  const snooze = useCallback(
    async (reminder: ReminderView, span: SnoozeSpan) => {
      const failed = await snoozeWithUndo(reminder, span, read);
      if (failed) setProblem(failed);
      // The snoozed row is gone: the keyboard goes to the next reminder's Open, else to the list.
      requestAnimationFrame(() => {
        const next =
          document.querySelector<HTMLElement>('.reminder-banner .reminder .link-button') ??
          document.querySelector<HTMLElement>('[role=listbox] [tabindex="0"]');
        next?.focus();
      });
    },
    [read],
  );
  useLiveChanges(['vault'], read);

  return { reminders, problem, snooze };
}
