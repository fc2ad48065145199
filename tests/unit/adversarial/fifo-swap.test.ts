// A file swapped for a FIFO between the walk and the read (or between scan and import) must not
// hang Lapse: a plain open of a FIFO waits for a writer that never comes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSpan } from '../../../electron/discovery/read-span.js';
import { fakeTokens } from '../../helpers/fake-tokens.js';
import { builtModule, run } from '../../helpers/processes.js';
import { put, scan, scanRig, value, type ScanRig } from '../discovery/scan-rig.js';

const fifos: string[] = [];
const mkfifo = (file: string) => {
  execFileSync('mkfifo', [file]);
  fifos.push(file);
};

/** A reader stuck in open() on a FIFO (the bug) is let go: opening the write end releases it. */
function releaseStuckReaders(): void {
  for (const fifo of fifos.splice(0)) {
    try {
      fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
    } catch {
      // ENXIO: nobody is waiting on it, as it should be.
    }
  }
}

/** Resolves to what `work` gave, or "hung" after `ms`. */
const within = <T>(ms: number, work: () => Promise<T> | T): Promise<T | 'hung'> =>
  Promise.race([Promise.resolve().then(work), new Promise<'hung'>((r) => setTimeout(() => r('hung'), ms))]);

let rig: ScanRig;
beforeEach(() => {
  rig = scanRig();
});
afterEach(() => {
  releaseStuckReaders();
  rig.remove();
});

describe.skipIf(process.platform === 'win32')('a FIFO where a file was', () => {
  it('the scanner, handed a path that is now a FIFO, skips it as a special file at once', async () => {
    const fifo = path.join(rig.work, 'swapped.env');
    mkfifo(fifo);
    // In a process of its own: the bug is a synchronous open that never returns.
    const script = `
      import { FileScanner } from ${JSON.stringify(builtModule('electron/discovery/file-scanner.js'))};
      import { defaultLimits } from ${JSON.stringify(builtModule('electron/discovery/scan-types.js'))};
      console.log(JSON.stringify(new FileScanner({ entries: [] }, defaultLimits).scan(process.argv[1], 'env-file')));`;
    const scanned = await run(process.execPath, ['--input-type=module', '-e', script, fifo], { timeoutMs: 5000 });
    expect(scanned.signal, 'the scanner hung on the FIFO').toBeNull();
    expect(JSON.parse(scanned.stdout)).toEqual({ path: fifo, skip: 'special-file' });
  });

  it('import re-reading a file now swapped for a FIFO reports it changed, and does not hang', async () => {
    const file = put(path.join(rig.work, 'app', '.env'), `GITHUB_TOKEN=${fakeTokens.githubClassic()}\n`);
    const result = await scan(rig.api, { paths: [rig.work] });
    expect(result.findings).toHaveLength(1);
    fs.rmSync(file);
    mkfifo(file);
    const imported = await within(5000, async () =>
      value(await rig.api.importFindings({ scanId: result.scanId, all: true })),
    );
    expect(imported).not.toBe('hung');
    expect(imported).toMatchObject({ results: [{ outcome: 'changed' }] });
    expect(rig.keychain.entries.size).toBe(0);
  });

  it('readSpan on a FIFO answers null at once', async () => {
    const fifo = path.join(rig.work, 'pipe');
    mkfifo(fifo);
    expect(
      await within(2000, () => readSpan(fifo, { n: 1, offset: 0, length: 10, encoding: 'plain' }, '00000000')),
    ).toBeNull();
  });
});
