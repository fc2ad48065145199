// How long one slice of work may hold the thread before the event loop runs again.
const sliceMs = 4;

/**
 * Jobs done in order, a few milliseconds at a time, with the event loop running between slices:
 * while the detector reads what ripgrep printed, the loop keeps draining ripgrep's output pipe.
 * Done in the pipe's own callback instead, the work would leave the pipe full, and ripgrep (every
 * thread of it) would wait for the detector instead of searching on.
 */
export class SlicedWork {
  private jobs: (() => void)[] = [];
  private next = 0;
  private scheduled = false;
  private failure: unknown = null;
  private idle: (() => void)[] = [];

  add(job: () => void): void {
    this.jobs.push(job);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.slice());
    }
  }

  /** Resolves once every job added so far was done; rejects with the first job's error, if one threw. */
  drained(): Promise<void> {
    if (!this.scheduled) return this.failure ? Promise.reject(this.failure) : Promise.resolve();
    return new Promise((resolve, reject) => this.idle.push(() => (this.failure ? reject(this.failure) : resolve())));
  }

  private slice(): void {
    const until = performance.now() + sliceMs;
    while (this.next < this.jobs.length && performance.now() < until) {
      const job = this.jobs[this.next++] as () => void;
      try {
        if (!this.failure) job();
      } catch (error) {
        this.failure = error;
      }
    }
    if (this.next < this.jobs.length) {
      setImmediate(() => this.slice());
      return;
    }
    this.jobs = [];
    this.next = 0;
    this.scheduled = false;
    const waiting = this.idle;
    this.idle = [];
    for (const wake of waiting) wake();
  }
}
