import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * What the canary sweep (run once after the whole e2e run) must check: every secret a test gave
 * Lapse, and every place Lapse or the test run wrote to (vault folders, the shell's output, the
 * page's DOM and storage at the end of each test, browser profiles). Each worker appends to a file
 * of its own under test-results/canary-sweep/, which the sweep reads and then deletes.
 */
export const sweepRoot = path.resolve(import.meta.dirname, '../../../test-results/canary-sweep');
export const registryDir = path.join(sweepRoot, 'registry');

export type RegistryLine =
  | { kind: 'secret'; value: string; publicPrefix: string }
  /** A file or folder to sweep; `remove` when the sweep should delete it afterwards (a test's vault folder). */
  | { kind: 'place'; path: string; what: string; remove: boolean };

const registryFile = () => path.join(registryDir, `worker-${process.pid}.jsonl`);

function append(line: RegistryLine): void {
  mkdirSync(registryDir, { recursive: true, mode: 0o700 });
  appendFileSync(registryFile(), `${JSON.stringify(line)}\n`, { mode: 0o600 });
}

/** A secret that must be nowhere on disk but the keychain; `publicPrefix` is the part every masked form shows. */
export const registerSecret = (value: string, publicPrefix = ''): void =>
  append({ kind: 'secret', value, publicPrefix });

/** A file or folder the sweep reads. */
export const registerPlace = (place: string, what: string, remove = false): void =>
  append({ kind: 'place', path: place, what, remove });
