import { GateClosed, gateYield } from './gate-yield.js';
import type { RateGate } from './rate-gate.js';

// How many times a verification may hand its slot back to wait out a rate-limit window.
const maxYields = 3;

interface Waiter {
  provider: string;
  origin: string;
  overall: number | null;
  go: () => void;
}

/**
 * When a verification may start asking its provider: while its provider has fewer than its limit
 * asking, while the provider's host is outside a rate-limit window (up to `maxPauseMs` ahead: a
 * longer window is the HTTP client's to report), and while fewer verifications than the caller's
 * overall limit are asking. Only asking counts: recording an answer holds no slot. Waiters are
 * admitted in order, but one that cannot start never holds back one that can.
 */
export class VerifyAdmission {
  private asking = 0;
  private readonly askingBy = new Map<string, number>();
  private waiting: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly capFor: (provider: string) => number,
    private readonly gate: RateGate,
    private readonly maxPauseMs: number,
  ) {}

  async run<T>(provider: string, origin: string, overall: number | null, task: () => Promise<T>): Promise<T> {
    for (let yielded = 0; ; yielded++) {
      await new Promise<void>((go) => {
        this.waiting.push({ provider, origin, overall, go });
        this.admit();
      });
      try {
        // A task rate-limited mid-way hands its slot back and queues again (it starts once the
        // window is over); after a few such turns it waits inside its slot, as a lone call does.
        return yielded < maxYields ? await gateYield.run(true, task) : await task();
      } catch (error) {
        if (!(error instanceof GateClosed)) throw error;
      } finally {
        this.asking -= 1;
        this.askingBy.set(provider, (this.askingBy.get(provider) ?? 1) - 1);
        this.admit();
      }
    }
  }

  private paused(origin: string, now: number): number {
    const openAt = this.gate.openAt(origin, now);
    return openAt && openAt - now <= this.maxPauseMs ? openAt : 0;
  }

  private admit(): void {
    const now = Date.now();
    const still: Waiter[] = [];
    for (const waiter of this.waiting) {
      const fits =
        (waiter.overall === null || this.asking < waiter.overall) &&
        (this.askingBy.get(waiter.provider) ?? 0) < this.capFor(waiter.provider) &&
        !this.paused(waiter.origin, now);
      if (!fits) {
        still.push(waiter);
        continue;
      }
      this.asking += 1;
      this.askingBy.set(waiter.provider, (this.askingBy.get(waiter.provider) ?? 0) + 1);
      waiter.go();
    }
    this.waiting = still;
    // Wake when the first window keeping someone waiting ends (a finished task also wakes the queue).
    clearTimeout(this.timer);
    const ends = still.map((w) => this.paused(w.origin, now)).filter((at) => at > 0);
    if (ends.length) this.timer = setTimeout(() => this.admit(), Math.min(...ends) - now + 5);
  }
}
