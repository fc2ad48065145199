import { describe, expect, it } from 'vitest';
import { LongLineSearches } from '../../../electron/discovery/long-lines.js';
import type { RipgrepRun } from '../../../electron/discovery/ripgrep.js';
import type { RipgrepFile } from '../../../electron/discovery/ripgrep-output.js';

// The scheduling of the second searches, with the search itself played by a function that answers
// when the test says so (the real ripgrep runs in reading-files.test.ts).
function searches() {
  const runs: { files: string[]; finish: (matched: string[]) => void; fail: (error: Error) => void }[] = [];
  const search = (files: string[], each: (found: RipgrepFile) => void): RipgrepRun => {
    let finish!: (matched: string[]) => void;
    let fail!: (error: Error) => void;
    const done = new Promise<{ files: number; bytes: number }>((resolve, reject) => {
      finish = (matched) => {
        for (const path of matched) each({ path, lines: [], omitted: false, binary: false });
        resolve({ files: files.length, bytes: 0 });
      };
      fail = reject;
    });
    runs.push({ files, finish, fail });
    return { done, cancel: () => undefined };
  };
  const found: string[] = [];
  const unmatched: string[] = [];
  const long = new LongLineSearches(
    search,
    (f) => found.push(f.path),
    (p) => unmatched.push(p),
  );
  return { runs, long, found, unmatched };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('files with lines too long to print', () => {
  it('are searched at once; files found meanwhile wait for the next search, and drained() waits for all', async () => {
    const { runs, long, found } = searches();
    long.add('a.min.js');
    expect(runs.map((r) => r.files)).toEqual([['a.min.js']]);
    long.add('b.min.js');
    long.add('c.map');
    expect(runs).toHaveLength(1);
    let drained = false;
    const waiting = long.drained().then(() => (drained = true));
    runs[0]?.finish(['a.min.js']);
    await tick();
    expect(runs.map((r) => r.files)).toEqual([['a.min.js'], ['b.min.js', 'c.map']]);
    expect(drained).toBe(false);
    runs[1]?.finish(['b.min.js', 'c.map']);
    await waiting;
    expect(found).toEqual(['a.min.js', 'b.min.js', 'c.map']);
  });

  it('a file the second search no longer matches in is handed back, to be read whole', async () => {
    const { runs, long, found, unmatched } = searches();
    long.add('changed.js');
    long.add('kept.js');
    const drained = long.drained();
    runs[0]?.finish([]);
    await tick();
    runs[1]?.finish(['kept.js']);
    await drained;
    expect(found).toEqual(['kept.js']);
    expect(unmatched).toEqual(['changed.js']);
  });

  it('a search that fails is reported by drained(), not left as a rejection nobody awaits', async () => {
    const { runs, long } = searches();
    long.add('x.js');
    runs[0]?.fail(new Error('ripgrep stopped (2)'));
    await tick();
    await expect(long.drained()).rejects.toThrow('ripgrep stopped (2)');
  });

  it('with nothing added, drained() resolves at once', async () => {
    const { runs, long } = searches();
    await long.drained();
    expect(runs).toHaveLength(0);
  });
});
