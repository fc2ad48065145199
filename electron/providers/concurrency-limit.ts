/** At most `limit` tasks at once per key (a provider); the rest queue in order. */
export class ConcurrencyLimit {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limitFor: (key: string) => number) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    if ((this.running.get(key) ?? 0) >= this.limitFor(key)) {
      await new Promise<void>((resolve) => this.waiting.set(key, [...(this.waiting.get(key) ?? []), resolve]));
    }
    this.running.set(key, (this.running.get(key) ?? 0) + 1);
    try {
      return await task();
    } finally {
      this.running.set(key, (this.running.get(key) ?? 1) - 1);
      const next = this.waiting.get(key)?.shift();
      next?.();
    }
  }
}
