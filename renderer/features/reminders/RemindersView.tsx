import { useCallback, useId, useState } from 'react';
import type { ReminderView } from '../../../shared/api.js';
import type { SnoozeSpan } from '../../../shared/reminders.js';
import { lapseApi } from '../../api/lapse-api.js';
import { useLiveChanges } from '../../app/liveChanges.js';
import { showToast } from '../toasts/toasts.js';
import { exactDate, shortDate } from '../tokens/dates.js';
import { snoozeWithUndo } from './snoozeWithUndo.js';
import { useAnswerEffect } from '../../lib/useAnswerEffect.js';
import { FormProblem } from '../../lib/FormProblem.js';

const spanWords: Record<SnoozeSpan, string> = { '1h': '1 h', '1d': '1 day', '1w': '1 week' };
const spans = Object.keys(spanWords) as SnoozeSpan[];

type State =
  { phase: 'loading' } | { phase: 'ready'; reminders: ReminderView[] } | { phase: 'failed'; message: string };

/** Every reminder: due now (with Snooze), snoozed (with Un-snooze), and the next to come per token. */
export function RemindersView({ onOpen }: { onOpen(tokenId: string): void }) {
  const id = useId();
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [problem, setProblem] = useState<string | null>(null);
  const read = useCallback(async () => {
    const answer = await lapseApi.listReminders({});
    setState(
      answer.ok
        ? { phase: 'ready', reminders: answer.value.reminders }
        : { phase: 'failed', message: answer.error.message },
    );
  }, []);
  useAnswerEffect(
    () => lapseApi.listReminders({}),
    [],
    (answer) =>
      setState(
        answer.ok
          ? { phase: 'ready', reminders: answer.value.reminders }
          : { phase: 'failed', message: answer.error.message },
      ),
  );
  useLiveChanges(['vault'], read);

  const snooze = async (reminder: ReminderView, span: SnoozeSpan) =>
    setProblem(await snoozeWithUndo(reminder, span, read));
  const unsnooze = async (reminder: ReminderView) => {
    const answer = await lapseApi.unsnoozeReminder({ id: reminder.id });
    setProblem(answer.ok ? null : answer.error.message);
    if (answer.ok) showToast({ text: `“${reminder.title}” is due again.` });
    await read();
  };

  const all = state.phase === 'ready' ? state.reminders : [];
  const groups: { key: ReminderView['state']; title: string; empty: string }[] = [
    { key: 'due', title: 'Due now', empty: 'Nothing is due.' },
    { key: 'snoozed', title: 'Snoozed', empty: 'Nothing is snoozed.' },
    {
      key: 'upcoming',
      title: 'Coming up',
      empty: 'Nothing is coming up: no token has an expiry, rotation or verification ahead.',
    },
  ];
  return (
    <section className="reminders-page" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Reminders</h2>
      <p className="hint">
        Lapse reminds offline: before each expiry (30 days, 7 days, 1 day, 1 hour and at expiry, or a token&rsquo;s own
        lead times), when rotation or a verify is overdue, and at once for critical states. The same list as{' '}
        <code>lapse reminders</code>.
      </p>
      {state.phase === 'loading' && <p className="muted">Reading reminders…</p>}
      <FormProblem text={state.phase === 'failed' ? state.message : null} />
      <FormProblem text={problem} />
      {state.phase === 'ready' &&
        groups.map((group) => {
          const items = all.filter((r) => r.state === group.key);
          return (
            <section key={group.key} className="reminder-group" aria-labelledby={`${id}-${group.key}`}>
              <h3 id={`${id}-${group.key}`}>
                {group.title} <span className="muted">({items.length})</span>
              </h3>
              {items.length === 0 ? (
                <p className="muted">{group.empty}</p>
              ) : (
                <ul className="reminder-rows">
                  {items.map((r) => (
                    <li key={r.id} className={`reminder-row reminder-${r.kind}`}>
                      <div className="reminder-text">
                        <strong>{r.title}</strong>
                        <span className="reminder-body">{r.body}</span>
                        <span className="muted">
                          {r.state === 'snoozed' && r.snoozedUntil ? (
                            <>
                              Snoozed until{' '}
                              <time dateTime={r.snoozedUntil} title={exactDate(r.snoozedUntil)}>
                                {shortDate(r.snoozedUntil)}
                              </time>
                            </>
                          ) : r.state === 'upcoming' ? (
                            <>
                              Fires{' '}
                              <time dateTime={r.firesAt} title={exactDate(r.firesAt)}>
                                {shortDate(r.firesAt)}
                              </time>
                            </>
                          ) : (
                            <>
                              Due since{' '}
                              <time dateTime={r.dueAt} title={exactDate(r.dueAt)}>
                                {shortDate(r.dueAt)}
                              </time>
                            </>
                          )}
                        </span>
                      </div>
                      <div className="reminder-actions">
                        <button type="button" className="link-button" onClick={() => onOpen(r.tokenId)}>
                          Open<span className="visually-hidden"> {r.label}</span>
                        </button>
                        {r.state === 'due' && (
                          <span className="snooze" role="group" aria-label={`Snooze: ${r.title}`}>
                            <span aria-hidden="true">Snooze</span>
                            {spans.map((span) => (
                              <button
                                key={span}
                                type="button"
                                className="snooze-button"
                                onClick={() => void snooze(r, span)}
                              >
                                <span className="visually-hidden">Snooze </span>
                                {spanWords[span]}
                              </button>
                            ))}
                          </span>
                        )}
                        {r.state === 'snoozed' && (
                          <button type="button" onClick={() => void unsnooze(r)}>
                            Un-snooze<span className="visually-hidden"> {r.title}</span>
                          </button>
                        )}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
    </section>
  );
}
