import { nextChangeIn } from '../../shared/countdown.js';

/** What the ticker needs from the platform; the window's own timers unless a test swaps them. */
export interface TickerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

/**
 * The one clock of the window. A single timeout, re-armed for the next moment any text on screen
 * can change: an expiry countdown rolling over, or a second of a reveal/copy countdown.
 */
export interface Ticker {
  /** The instant everything on screen is rendered for (ms since epoch). */
  now(): number;
  /** Called after every tick; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * An expiry whose countdown is on screen (ISO instant), kept fresh until the returned function
   * is called. Each countdown watches its own, so only what is rendered sets the pace.
   */
  watchExpiry(expiresAt: string): () => void;
  /**
   * Call `done` at `instant` (ticking every second until then when `everySecond`, for a visible
   * "hides in 27 s"). Returns a cancel function.
   */
  countdownTo(instant: number, done: () => void, everySecond?: boolean): () => void;
}

// setTimeout takes a 32-bit delay; longer sleeps are simply re-armed.
const longestSleep = 2 ** 31 - 1;
const second = 1000;

/** Milliseconds until describeExpiry(expiresAt, now) reads differently. */
export function untilExpiryTextChanges(expiresAt: string, now: number): number {
  const unit = nextChangeIn(expiresAt, now);
  const left = Date.parse(expiresAt) - now;
  return left > 0 ? (left % unit) + 1 : unit - (-left % unit);
}

export function createTicker(clock: TickerClock): Ticker {
  let now = clock.now();
  // One entry per watching countdown: two rows with the same expiry are two entries.
  const expiries = new Set<{ expiresAt: string }>();
  const countdowns = new Set<{ instant: number; done: () => void; everySecond: boolean }>();
  const listeners = new Set<() => void>();
  let timer: number | null = null;

  function wait(at: number): number {
    let ms = Infinity;
    for (const { expiresAt } of expiries) ms = Math.min(ms, untilExpiryTextChanges(expiresAt, at));
    for (const { instant, everySecond } of countdowns) {
      ms = Math.min(ms, instant - at, everySecond ? (instant - at) % second || second : Infinity);
    }
    return ms;
  }

  function arm() {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const ms = wait(clock.now());
    if (ms !== Infinity) timer = clock.setTimeout(tick, Math.min(Math.max(ms, 1), longestSleep));
  }

  function tick() {
    timer = null;
    now = clock.now();
    for (const countdown of [...countdowns]) {
      if (countdown.instant <= now) {
        countdowns.delete(countdown);
        countdown.done();
      }
    }
    for (const listener of [...listeners]) listener();
    arm();
  }

  // A countdown that appears after a long sleep must not render a stale instant: catch up first.
  function freshen() {
    if (clock.now() - now >= second) tick();
    else arm();
  }

  return {
    now: () => now,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    watchExpiry(expiresAt) {
      const entry = { expiresAt };
      expiries.add(entry);
      freshen();
      return () => {
        expiries.delete(entry);
        arm();
      };
    },
    countdownTo(instant, done, everySecond = true) {
      const countdown = { instant, done, everySecond };
      countdowns.add(countdown);
      tick();
      return () => {
        countdowns.delete(countdown);
        arm();
      };
    },
  };
}
