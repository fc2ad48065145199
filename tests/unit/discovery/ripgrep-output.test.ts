import { describe, expect, it } from 'vitest';
import { RipgrepOutput, type RipgrepFile } from '../../../electron/discovery/ripgrep-output.js';

// ripgrep's output as it prints it (13.0, `--null --line-number --byte-offset`, with and without
// `--only-matching --column`), fed in pieces cut anywhere, as a pipe delivers it.
const readAll = (output: string | Buffer, columns = false, cut = 7): { files: RipgrepFile[]; stats: string[] } => {
  const files: RipgrepFile[] = [];
  const reader = new RipgrepOutput((file) => files.push(file), columns);
  const bytes = Buffer.isBuffer(output) ? output : Buffer.from(output, 'utf8');
  for (let i = 0; i < bytes.length; i += cut) reader.push(bytes.subarray(i, i + cut));
  reader.end();
  return { files, stats: reader.stats };
};

const lines = (file: RipgrepFile | undefined) => file?.lines.map((l) => [l.line, l.offset, l.bytes.toString('latin1')]);

const stats = '\n3 matches\n3 matched lines\n2 files contained matches\n5 files searched\n1200 bytes searched\n';

describe("reading ripgrep's output", () => {
  it('gives each file its matched lines with their numbers and byte offsets, text kept as bytes', () => {
    for (const cut of [1, 3, 7, 64, 10_000]) {
      const { files, stats: read } = readAll(
        `a/.env\x002:14:API_TOKEN=abc:def:1\na/.env\x005:60:SECRET=x\nb/c.ts\x0010:300:const k = "caf\xe9"\n${stats}`,
        false,
        cut,
      );
      expect(files.map((f) => f.path)).toEqual(['a/.env', 'b/c.ts']);
      expect(lines(files[0])).toEqual([
        [2, 14, 'API_TOKEN=abc:def:1'],
        [5, 60, 'SECRET=x'],
      ]);
      expect(files[1]?.lines[0]?.bytes).toEqual(Buffer.from('const k = "caf\xe9"', 'utf8'));
      expect(read).toContain('5 files searched');
      expect(read).toContain('1200 bytes searched');
    }
  });

  it('reads a path that holds a line feed (only NUL cannot be in a name)', () => {
    const { files } = readAll(`odd\nname.txt\x001:0:token = abcdefgh\n${stats}`);
    expect(files.map((f) => f.path)).toEqual(['odd\nname.txt']);
    expect(lines(files[0])).toEqual([[1, 0, 'token = abcdefgh']]);
  });

  it('marks a file binary when ripgrep stops at a NUL after printing its matches', () => {
    const { files } = readAll(
      `data.bin\x001:0:key=abcdefghij\ndata.bin: WARNING: stopped searching binary file after match (found "\\0" byte around offset 95002)\nok.txt\x001:0:key=abcdefghij\n${stats}`,
    );
    expect(files.map((f) => [f.path, f.binary])).toEqual([
      ['data.bin', true],
      ['ok.txt', false],
    ]);
  });

  it('the binary warning of the last file, just before the statistics, still counts', () => {
    const { files, stats: read } = readAll(
      `last.bin\x001:0:key=abcdefghij\nlast.bin: WARNING: stopped searching binary file after match (found "\\0" byte around offset 9)\n${stats}`,
    );
    expect(files.map((f) => [f.path, f.binary])).toEqual([['last.bin', true]]);
    expect(read.some((s) => s.includes('WARNING'))).toBe(false);
  });

  it('a line too long to print marks the file, so it is read another way; context separators are passed over', () => {
    const { files } = readAll(
      `bundle.js\x001:0:[Omitted long line with 3 matches]\n--\nsmall.js\x004:90:token: abcdefghij\n${stats}`,
    );
    expect(files.map((f) => [f.path, f.omitted, f.lines.length])).toEqual([
      ['bundle.js', true, 0],
      ['small.js', false, 1],
    ]);
  });

  it('with --only-matching --column: each match with its line, column and offset', () => {
    const { files } = readAll(`min.js\x001:9001:9000:ghp_abc\nmin.js\x001:20001:20000:token="x"\n${stats}`, true);
    expect(files[0]?.lines.map((l) => [l.line, l.column, l.offset, l.bytes.toString()])).toEqual([
      [1, 9001, 9000, 'ghp_abc'],
      [1, 20001, 20000, 'token="x"'],
    ]);
  });

  it('a matched text that begins with digits and colons is text, not fields', () => {
    const { files } = readAll(`t.txt\x003:40:12:34:56 password: abcdefghij\n${stats}`);
    expect(lines(files[0])).toEqual([[3, 40, '12:34:56 password: abcdefghij']]);
  });
});
