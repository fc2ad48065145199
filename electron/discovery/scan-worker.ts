// A scan thread: reads the files it is sent and answers with what it found in them (never a secret).
import { parentPort, workerData } from 'node:worker_threads';
import { FileScanner } from './file-scanner.js';
import type { FileTask, ScanLimits, VaultDigest } from './scan-types.js';

const { digest, limits } = workerData as { digest: VaultDigest; limits: ScanLimits };
const scanner = new FileScanner(digest, limits);

parentPort?.on('message', (batch: FileTask[]) => {
  parentPort?.postMessage(batch.map((task) => scanner.scan(task.path, task.source, task.keys)));
});
