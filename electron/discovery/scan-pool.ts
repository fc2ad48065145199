import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FileScanner } from './file-scanner.js';
import type { FileOutcome, FileTask, ScanLimits, VaultDigest } from './scan-types.js';

/** Where files go to be read: threads when the compiled worker exists, else this thread. */
export interface ScanPool {
  add(task: FileTask): void;
  /** Resolves when every file added so far has been read. */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

const batchSize = 8;
// Two threads at most: a scan must not swamp a laptop, and one more core rarely helps disk reads.
export const scanThreads = (): number => Math.max(1, Math.min(2, os.availableParallelism()));

const workerFile = new URL('./scan-worker.js', import.meta.url);

/**
 * True when the compiled worker sits beside this module: not when running from TypeScript sources
 * (tests), nor from inside an asar archive, which worker threads cannot load from.
 */
export const threadsAvailable = (): boolean =>
  import.meta.url.endsWith('.js') &&
  !/\.asar[\\/]/.test(fileURLToPath(workerFile)) &&
  fs.existsSync(fileURLToPath(workerFile));

function threadPool(
  digest: VaultDigest,
  limits: ScanLimits,
  done: (outcome: FileOutcome) => void,
  fail: (error: Error) => void,
): ScanPool {
  const queue: FileTask[] = [];
  const workers = Array.from({ length: scanThreads() }, () => ({
    // A small young generation: each thread churns through 1 MiB strings, and peak memory counts.
    thread: new Worker(workerFile, {
      workerData: { digest, limits },
      resourceLimits: { maxYoungGenerationSizeMb: 6, maxOldGenerationSizeMb: 96 },
    }),
    busy: 0,
  }));
  let waiting: (() => void) | null = null;
  const idle = () => queue.length === 0 && workers.every((w) => w.busy === 0);
  const feed = () => {
    for (const worker of workers) {
      // Two batches in flight per thread, so a thread never waits for the main thread.
      while (worker.busy < 2 && queue.length > 0) {
        worker.thread.postMessage(queue.splice(0, batchSize));
        worker.busy++;
      }
    }
    if (idle() && waiting) {
      waiting();
      waiting = null;
    }
  };
  for (const worker of workers) {
    worker.thread.on('message', (outcomes: FileOutcome[]) => {
      worker.busy--;
      for (const outcome of outcomes) done(outcome);
      feed();
    });
    worker.thread.on('error', fail);
  }
  return {
    add(task) {
      queue.push(task);
      if (queue.length >= batchSize || workers.some((w) => w.busy === 0)) feed();
    },
    drained: () =>
      new Promise<void>((resolve) => {
        waiting = resolve;
        feed();
      }),
    async stop() {
      await Promise.all(workers.map((w) => w.thread.terminate()));
    },
  };
}

// Running from TypeScript sources (tests): the same scanner, in this thread, a file per tick.
function inlinePool(digest: VaultDigest, limits: ScanLimits, done: (outcome: FileOutcome) => void): ScanPool {
  const scanner = new FileScanner(digest, limits);
  const queue: FileTask[] = [];
  let stopped = false;
  return {
    add: (task) => queue.push(task),
    async drained() {
      while (queue.length > 0 && !stopped) {
        const task = queue.shift() as FileTask;
        done(scanner.scan(task.path, task.source, task.keys));
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async stop() {
      stopped = true;
    },
  };
}

export function scanPool(
  digest: VaultDigest,
  limits: ScanLimits,
  done: (outcome: FileOutcome) => void,
  fail: (error: Error) => void,
): ScanPool {
  return threadsAvailable() ? threadPool(digest, limits, done, fail) : inlinePool(digest, limits, done);
}
