import { useId, useState } from 'react';
import type { ReminderView } from '../../../shared/api.js';
import type { SnoozeSpan } from '../../../shared/reminders.js';
import { useDueReminders } from './useDueReminders.js';

// The first few say what is due; the rest wait behind "Show all" so the list stays in view.
const shownAtFirst = 3;

// Spelled out here: shared/reminders.ts builds zod schemas, which the window's bundle leaves out.
const spanWords: Record<SnoozeSpan, string> = { '1h': '1 h', '1d': '1 day', '1w': '1 week' };
const spans = Object.keys(spanWords) as SnoozeSpan[];
const criticalKinds: readonly ReminderView['kind'][] = [
  'expired',
  'exposed',
  'revocation-pending',
  'disconnected',
  'secret-missing',
];

interface ReminderBannerProps {
  /** Anything that changes with the token list (the list itself): due reminders are read again when it does. */
  tokensVersion: unknown;
  onOpen(tokenId: string): void;
}

/** Reminders due now, each with the token to open and Snooze 1 h / 1 day / 1 week. Nothing when none is due. */
export function ReminderBanner({ tokensVersion, onOpen }: ReminderBannerProps) {
  const id = useId();
  const { reminders, problem, snooze } = useDueReminders(tokensVersion);
  const [showAll, setShowAll] = useState(false);
  if (reminders.length === 0 && !problem) return null;
  const shown = showAll ? reminders : reminders.slice(0, shownAtFirst);
  const critical = reminders.some((r) => criticalKinds.includes(r.kind));
  return (
    <section
      className={`banner reminder-banner banner-${critical ? 'critical' : 'warning'}`}
      aria-labelledby={`${id}-title`}
    >
      <div className="banner-text">
        <h2 id={`${id}-title`}>{reminders.length === 1 ? '1 reminder due' : `${reminders.length} reminders due`}</h2>
        <ul className="reminder-list">
          {shown.map((reminder) => (
            <ReminderItem
              key={reminder.id}
              reminder={reminder}
              onOpen={onOpen}
              onSnooze={(span) => void snooze(reminder, span)}
            />
          ))}
        </ul>
        {reminders.length > shownAtFirst && (
          <button
            type="button"
            className="link-button"
            onClick={() => setShowAll((all) => !all)}
            aria-expanded={showAll}
          >
            {showAll ? 'Show fewer' : `Show all ${reminders.length}`}
          </button>
        )}
        {problem && (
          <p className="reminder-problem" role="alert">
            {problem}
          </p>
        )}
      </div>
    </section>
  );
}

interface ReminderItemProps {
  reminder: ReminderView;
  onOpen(tokenId: string): void;
  onSnooze(span: SnoozeSpan): void;
}

function ReminderItem({ reminder, onOpen, onSnooze }: ReminderItemProps) {
  return (
    <li className={`reminder reminder-${reminder.kind}`}>
      <span className="reminder-text">
        <strong>{reminder.title}</strong> <span className="reminder-body">{reminder.body}</span>
      </span>
      <span className="reminder-actions">
        <button type="button" className="link-button" onClick={() => onOpen(reminder.tokenId)}>
          Open<span className="visually-hidden"> {reminder.label}</span>
        </button>
        <span className="snooze" role="group" aria-label={`Snooze: ${reminder.title}`}>
          <span aria-hidden="true">Snooze</span>
          {spans.map((span) => (
            <button key={span} type="button" className="snooze-button" onClick={() => onSnooze(span)}>
              <span className="visually-hidden">Snooze </span>
              {spanWords[span]}
            </button>
          ))}
        </span>
      </span>
    </li>
  );
}
