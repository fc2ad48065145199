/**
 * Per-origin "do not send before" times learnt from Retry-After / x-ratelimit-reset, so no request
 * goes out inside a window a provider asked for, whichever caller sends it.
 */
export class RateGate {
  private readonly closedUntil = new Map<string, number>();
  /** Requests sent while their origin was closed; should stay 0 (the benchmark counts it). */
  sentInsideWindow = 0;

  close(origin: string, until: number): void {
    this.closedUntil.set(origin, Math.max(until, this.closedUntil.get(origin) ?? 0));
  }

  /** ms since epoch the origin opens again, or 0 when open. */
  openAt(origin: string, now: number): number {
    const until = this.closedUntil.get(origin) ?? 0;
    return until > now ? until : 0;
  }

  noteSent(origin: string, now: number): void {
    if (this.openAt(origin, now)) this.sentInsideWindow += 1;
  }
}
