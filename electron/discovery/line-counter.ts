import fs from 'node:fs';

const newline = 10;

/**
 * Line numbers for byte offsets of a file read front to back, counted only when asked: most files
 * hold no secret, so most are never counted. Offsets must be asked for in increasing order.
 */
export class LineCounter {
  private counted = 0;
  private lines = 1;
  private lineStart = 0;
  private scratch: Buffer | null = null;

  constructor(private readonly fd: number) {}

  /** Line (from 1) and the byte offset its line starts at, for `offset`; `window` holds bytes from `windowStart`. */
  at(offset: number, window: Buffer, windowStart: number, windowEnd: number): { line: number; lineStart: number } {
    if (this.counted < windowStart) this.countFromFile(windowStart);
    const view = window.subarray(0, Math.min(offset - windowStart, windowEnd));
    for (let i = view.indexOf(newline, this.counted - windowStart); i !== -1; i = view.indexOf(newline, i + 1)) {
      this.lines++;
      this.lineStart = windowStart + i + 1;
    }
    this.counted = offset;
    return { line: this.lines, lineStart: this.lineStart };
  }

  // Rounds with no secret were not counted; read them again only now that a line number is needed.
  private countFromFile(upTo: number): void {
    this.scratch ??= Buffer.allocUnsafe(256 * 1024);
    while (this.counted < upTo) {
      const n = fs.readSync(this.fd, this.scratch, 0, Math.min(this.scratch.length, upTo - this.counted), this.counted);
      if (n <= 0) break;
      for (let i = this.scratch.indexOf(newline); i !== -1 && i < n; i = this.scratch.indexOf(newline, i + 1)) {
        this.lines++;
        this.lineStart = this.counted + i + 1;
      }
      this.counted += n;
    }
  }
}
