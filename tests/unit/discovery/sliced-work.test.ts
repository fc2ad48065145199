import { describe, expect, it } from 'vitest';
import { SlicedWork } from '../../../electron/discovery/sliced-work.js';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe("the detector's work between reads of ripgrep's output", () => {
  it('runs after the adder returns, in the order added', async () => {
    const work = new SlicedWork();
    const done: number[] = [];
    for (let i = 0; i < 5; i++) work.add(() => done.push(i));
    expect(done).toEqual([]);
    await work.drained();
    expect(done).toEqual([0, 1, 2, 3, 4]);
  });

  it('lets the event loop run between slices, so a pipe is read while the work goes on', async () => {
    const work = new SlicedWork();
    let finished = 0;
    for (let i = 0; i < 40; i++) work.add(() => (busy(1), finished++));
    // What the loop does between slices: read the pipe (here, note how far the work had come).
    const seenByTheLoop = new Promise<number>((resolve) => setImmediate(() => setImmediate(() => resolve(finished))));
    await work.drained();
    const seen = await seenByTheLoop;
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(40);
  });

  it('drained() rejects with the error of a job that threw, and the jobs after it are not run', async () => {
    const work = new SlicedWork();
    const done: string[] = [];
    work.add(() => done.push('first'));
    work.add(() => {
      throw new Error('detector failed');
    });
    work.add(() => done.push('after'));
    await expect(work.drained()).rejects.toThrow('detector failed');
    expect(done).toEqual(['first']);
  });

  it('with nothing added, drained() resolves at once', async () => {
    await expect(new SlicedWork().drained()).resolves.toBeUndefined();
  });
});
