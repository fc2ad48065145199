import fs from 'node:fs';
import path from 'node:path';
import { journalFolder } from './rotation-journal.js';

/** Rotations this process is carrying on right now. */
const heldHere = new Set<string>();

/** Whether a process is alive (signal 0 asks without signalling; EPERM: alive, someone else's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(file: string): number {
  try {
    return Number(fs.readFileSync(file, 'utf8')) || 0;
  } catch {
    return 0;
  }
}

/**
 * Hold a rotation while one run carries it on, so the window, a CLI command and a start-up resume
 * never run the same journal at once. Returns the release, or null while a live run holds it; a
 * hold left by a killed process is taken over.
 */
export function holdJournal(home: string, rotationId: string): (() => void) | null {
  if (heldHere.has(rotationId)) return null;
  const file = path.join(journalFolder(home), `${rotationId}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      heldHere.add(rotationId);
      return () => {
        heldHere.delete(rotationId);
        fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = holderOf(file);
      if (holder && holder !== process.pid && alive(holder)) return null;
      fs.rmSync(file, { force: true });
    }
  }
  return null;
}
