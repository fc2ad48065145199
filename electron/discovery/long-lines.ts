import { ripgrepMatches, type RipgrepRun } from './ripgrep.js';
import type { RipgrepFile } from './ripgrep-output.js';

// Paths per ripgrep run, well under any system's argument-size limit.
const filesPerRun = 256;
// A search starts early only for this many files: each ripgrep start compiles the whole prefilter
// again, and a process started while the main search holds both cores waits for one.
const filesToStartEarly = 64;

/**
 * Files with a matched line too long to print, searched again match by match
 * (`--only-matching`, each with its offset). They are searched together: once the main search
 * ended (`drained`), or sooner when many wait; files found meanwhile wait for the next search.
 */
export class LongLineSearches {
  private readonly waiting: string[] = [];
  private readonly unanswered = new Set<string>();
  private running: RipgrepRun | null = null;
  private idle: Promise<void> = Promise.resolve();
  private cancelled = false;
  private failure: unknown = null;

  constructor(
    private readonly search: (files: string[], each: (found: RipgrepFile) => void) => RipgrepRun,
    private readonly found: (found: RipgrepFile) => void,
    /** A file the search no longer matched in (changed between the two searches). */
    private readonly unmatched: (path: string) => void,
  ) {}

  static over(
    rg: string,
    patterns: string[],
    maxFileBytes: number,
    found: (found: RipgrepFile) => void,
    unmatched: (path: string) => void,
  ): LongLineSearches {
    return new LongLineSearches(
      (files, each) => ripgrepMatches(rg, files, patterns, maxFileBytes, each),
      found,
      unmatched,
    );
  }

  add(path: string): void {
    this.waiting.push(path);
    this.unanswered.add(path);
    if (!this.running && this.waiting.length >= filesToStartEarly) this.idle = this.next();
  }

  /** Searches every file added so far; resolves once they were. */
  async drained(): Promise<void> {
    while (this.running || this.waiting.length) {
      if (!this.running) this.idle = this.next();
      await this.idle;
    }
    if (this.failure) throw this.failure;
    if (this.cancelled) return;
    for (const path of this.unanswered) this.unmatched(path);
    this.unanswered.clear();
  }

  cancel(): void {
    this.cancelled = true;
    this.waiting.length = 0;
    this.running?.cancel();
  }

  private async next(): Promise<void> {
    while (this.waiting.length && !this.cancelled) {
      const files = this.waiting.splice(0, filesPerRun);
      this.running = this.search(files, (found) => {
        this.unanswered.delete(found.path);
        this.found(found);
      });
      try {
        await this.running.done;
      } catch (error) {
        // Kept for drained(): a rejection nobody awaits yet would end the process.
        this.failure = error;
        this.waiting.length = 0;
      } finally {
        this.running = null;
      }
    }
  }
}
