import { performance } from 'node:perf_hooks';

/** Median wall time of `runs` runs of `work`, after one warm-up run. */
export function medianMs(work: () => unknown, runs = 7): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

/** One line a benchmark prints: its figure, the baseline of the same run, the ratio and the goal. */
export function report(
  name: string,
  subjectMs: number,
  baselineName: string,
  baselineMs: number,
  goalRatio: number,
): string {
  const ratio = subjectMs / baselineMs;
  const verdict = ratio <= goalRatio ? 'meets' : 'MISSES';
  return `${name}: ${subjectMs.toFixed(1)} ms vs ${baselineName} ${baselineMs.toFixed(1)} ms = ${ratio.toFixed(2)}× (goal ≤ ${goalRatio}×: ${verdict})`;
}
