import type { ReminderNotification } from '../../shared/contract/reminder-calls.js';

export interface NotifierLoopParts {
  /** The scheduler's decision, recorded as sent (the service's collectDueReminders). */
  collect: () => Promise<ReminderNotification | null>;
  /** Show it: an OS notification, a Web Notification. */
  deliver: (notification: ReminderNotification) => void;
  /** After each look, e.g. to refresh the tray; also when nothing was due. */
  afterTick?: () => Promise<void> | void;
  /** Default one minute: the finest lead time is a minute. */
  everyMs?: number;
  onError?: (error: unknown) => void;
}

export interface NotifierLoop {
  /** Look now (on resume from sleep, at start); overlapping calls share one look. */
  tick(): Promise<void>;
  stop(): void;
}

/** Asks the scheduler what to notify, on a timer. It decides nothing itself: fire-once and gaps live in the scheduler. */
export function startNotifierLoop({
  collect,
  deliver,
  afterTick,
  everyMs = 60_000,
  onError = () => undefined,
}: NotifierLoopParts): NotifierLoop {
  let running: Promise<void> | null = null;
  const look = async () => {
    try {
      const notification = await collect();
      if (notification) deliver(notification);
      await afterTick?.();
    } catch (error) {
      onError(error);
    }
  };
  const tick = () => {
    running ??= look().finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref?.();
  void tick();
  return { tick, stop: () => clearInterval(timer) };
}
