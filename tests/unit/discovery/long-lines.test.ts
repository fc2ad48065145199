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
  it('wait for the main search to end, then are searched together; drained() waits for all', async () => {
    const { runs, long, found } = searches();
    long.add('a.min.js');
    long.add('b.min.js');
    expect(runs).toHaveLength(0);
    let drained = false;
    const waiting = long.drained().then(() => (drained = true));
    expect(runs.map((r) => r.files)).toEqual([['a.min.js', 'b.min.js']]);
    runs[0]?.finish(['a.min.js', 'b.min.js']);
    await waiting;
    expect(drained).toBe(true);
    expect(found).toEqual(['a.min.js', 'b.min.js']);
  });

  it('start early once many wait; files found meanwhile wait for the next search', async () => {
    const { runs, long, found } = searches();
    const names = Array.from({ length: 64 }, (_, i) => `bundle-${i}.min.js`);
    for (const name of names.slice(0, 63)) long.add(name);
    expect(runs).toHaveLength(0);
    long.add(names[63] as string);
    expect(runs.map((r) => r.files)).toEqual([names]);
    long.add('late.map');
    expect(runs).toHaveLength(1);
    const waiting = long.drained();
    runs[0]?.finish(names);
    await tick();
    expect(runs.map((r) => r.files)).toEqual([names, ['late.map']]);
    runs[1]?.finish(['late.map']);
    await waiting;
    expect(found).toEqual([...names, 'late.map']);
  });

  it('a file the second search no longer matches in is handed back, to be read whole', async () => {
    const { runs, long, found, unmatched } = searches();
    long.add('changed.js');
    long.add('kept.js');
    const drained = long.drained();
    runs[0]?.finish(['kept.js']);
    await drained;
    expect(found).toEqual(['kept.js']);
    expect(unmatched).toEqual(['changed.js']);
  });

  it('a search that fails is reported by drained(), not left as a rejection nobody awaits', async () => {
    const { runs, long } = searches();
    long.add('x.js');
    const drained = long.drained();
    runs[0]?.fail(new Error('ripgrep stopped (2)'));
    await expect(drained).rejects.toThrow('ripgrep stopped (2)');
  });

  it('with nothing added, drained() resolves at once', async () => {
    const { runs, long } = searches();
    await long.drained();
    expect(runs).toHaveLength(0);
  });
});
