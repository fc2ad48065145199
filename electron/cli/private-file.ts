import fs from 'node:fs';
import path from 'node:path';
import { terminalSafe } from '../../shared/terminal-text.js';
import { UsageError } from './exit-codes.js';

/**
 * Writes a file readable only by its owner (a report or a receipt names every token and account),
 * also over an existing file of wider mode: the mode is set before any content goes in.
 */
export function writePrivateFile(file: string, content: string): string {
  const target = path.resolve(file);
  let fd: number | undefined;
  try {
    fd = fs.openSync(target, fs.constants.O_WRONLY | fs.constants.O_CREAT, 0o600);
    fs.fchmodSync(fd, 0o600);
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, content);
  } catch (error) {
    throw new UsageError(
      `Could not write ${terminalSafe(target)} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). Check the folder exists and is writable.`,
    );
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return target;
}
