/** A line ripgrep printed because the prefilter matched in it: its number, where it starts, its bytes. */
export interface MatchedLine {
  /** From 1. */
  line: number;
  /** Byte offset of the line's first byte in the file. */
  offset: number;
  /** The line without its line feed (a carriage return stays); with `--only-matching`, the match. */
  bytes: Buffer;
  /** With `--column`: the column of the match in bytes, from 1 (0 without). */
  column: number;
}

/** What ripgrep printed for one file, in order. */
export interface RipgrepFile {
  path: string;
  lines: MatchedLine[];
  /**
   * A matched line was longer than ripgrep prints (`--max-columns`): its text is not here, so
   * the file has to be read.
   */
  omitted: boolean;
  /** ripgrep met a NUL byte after printing matches: a binary file, skipped as the full read skips it. */
  binary: boolean;
}

const nul = 0;
const newline = 10;
const colon = 58;
const dash = 45;
// ripgrep 13+ prints these without the NUL after the path that `--null` gives records.
const binaryWarning = ': WARNING: stopped searching binary file';
const omittedLine = Buffer.from('[Omitted long ');

/**
 * Reads ripgrep's standard output in line mode (`--null --line-number --byte-offset`, no
 * `--only-matching`): `path NUL line:offset:text LF` per matched line. A path may itself hold a line
 * feed (only NUL is impossible in a name), so a record is read up to its NUL first. Lines without
 * a NUL are ripgrep's own: a binary-file warning (the file is dropped) and, at the end, its statistics.
 */
export class RipgrepOutput {
  private rest: Buffer = Buffer.alloc(0);
  private current: RipgrepFile | null = null;
  private readonly binaryPaths = new Set<string>();
  readonly stats: string[] = [];

  /**
   * @param columns whether ripgrep prints `--column` (`line:column:offset:text`); without it
   * `line:offset:text`.
   */
  constructor(
    private readonly file: (found: RipgrepFile) => void,
    private readonly columns = false,
  ) {}

  push(chunk: Buffer): void {
    this.rest = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    this.consume(false);
  }

  /** ripgrep closed: what is left is its warnings and statistics. */
  end(): void {
    this.consume(true);
    for (const line of this.rest.toString('utf8').split('\n')) if (line && !this.ownLine(line)) this.stats.push(line);
    this.rest = Buffer.alloc(0);
    this.flush();
  }

  private consume(closed: boolean): void {
    const { rest } = this;
    let start = 0;
    for (;;) {
      const at = rest.indexOf(nul, start);
      const lineEnd = rest.indexOf(newline, start);
      // A line of ripgrep's own before the next record (or at the end, once ripgrep closed).
      if (lineEnd !== -1 && (at === -1 ? closed : lineEnd < at)) {
        if (this.ownLine(rest.toString('utf8', start, lineEnd))) {
          start = lineEnd + 1;
          continue;
        }
        if (at === -1) break;
      }
      if (at === -1) break;
      const end = rest.indexOf(newline, at + 1);
      if (end === -1) break;
      this.record(rest.toString('utf8', start, at), rest.subarray(at + 1, end));
      start = end + 1;
    }
    if (start > 0) this.rest = rest.subarray(start);
  }

  /** A binary-file warning or a context separator; false for anything else (a path, statistics). */
  private ownLine(line: string): boolean {
    if (line === '--') return true;
    const warned = line.indexOf(binaryWarning);
    if (warned === -1) return false;
    const path = line.slice(0, warned);
    if (this.current?.path === path) this.current.binary = true;
    else this.binaryPaths.add(path);
    return true;
  }

  /** `line:offset:text` (a matched line) or `line-offset-text` (a context line). */
  private record(path: string, fields: Buffer): void {
    if (this.current?.path !== path) {
      this.flush();
      this.current = { path, lines: [], omitted: false, binary: this.binaryPaths.delete(path) };
    }
    let i = 0;
    const number = () => {
      let n = 0;
      while (i < fields.length && fields[i] !== colon && fields[i] !== dash) n = n * 10 + (fields[i++] as number) - 48;
      i++;
      return n;
    };
    const line = number();
    const column = this.columns ? number() : 0;
    const offset = number();
    const bytes = fields.subarray(i);
    if (bytes[0] === omittedLine[0] && bytes.subarray(0, omittedLine.length).equals(omittedLine))
      this.current.omitted = true;
    else this.current.lines.push({ line, offset, bytes, column });
  }

  private flush(): void {
    if (this.current) this.file(this.current);
    this.current = null;
  }
}
