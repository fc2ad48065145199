/**
 * Per-origin "do not send before" times learnt from Retry-After / x-ratelimit-reset, so no request
 * goes out inside a window a provider asked for, whichever caller sends it. Keys are rate-limit-headers.ts
 * gateKey's: the origin, then a bucket and a resource after blanks. A window closed on the bare
 * origin holds every bucket of that host.
 */
export class RateGate {
  private readonly closedUntil = new Map<string, number>();
  /** Requests sent while their origin was closed; should stay 0 (the benchmark counts it). */
  sentInsideWindow = 0;

  close(key: string, until: number): void {
    this.closedUntil.set(key, Math.max(until, this.closedUntil.get(key) ?? 0));
  }

  /** ms since epoch the origin opens again, or 0 when open. */
  openAt(key: string, now: number): number {
    const blank = key.indexOf(' ');
    const host = blank === -1 ? 0 : (this.closedUntil.get(key.slice(0, blank)) ?? 0);
    const until = Math.max(this.closedUntil.get(key) ?? 0, host);
    return until > now ? until : 0;
  }

  noteSent(key: string, now: number): void {
    if (this.openAt(key, now)) this.sentInsideWindow += 1;
  }
}
