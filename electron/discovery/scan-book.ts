import type { ScanState } from '../../shared/contract/discovery-calls.js';
import { redact } from '../redact.js';
import type { RunningScan } from './run-scan.js';
import { resultOf, type SavedScan } from './scan-records.js';

interface Entry {
  state: ScanState['state'];
  running: RunningScan | null;
  saved: SavedScan | null;
  error: { code: string; message: string } | null;
  settled: Promise<void>;
}

const keptInMemory = 10;

/** The scans of this process (live progress, results) and, behind them, the saved ones. */
export class ScanBook {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly folder: string) {}

  get runningId(): string | null {
    for (const [id, entry] of this.entries) if (entry.state === 'running') return id;
    return null;
  }

  begin(scanId: string, running: RunningScan, finish: () => Promise<SavedScan>): void {
    const entry: Entry = { state: 'running', running, saved: null, error: null, settled: Promise.resolve() };
    entry.settled = finish()
      .then(
        (saved) => {
          entry.state = 'done';
          entry.saved = saved;
        },
        (error: Error) => {
          entry.state = entry.state === 'cancelled' || error.message === 'cancelled' ? 'cancelled' : 'failed';
          if (entry.state === 'failed')
            entry.error = { code: 'internal', message: `The scan stopped: ${redact(error.message)}` };
        },
      )
      .finally(() => {
        entry.running = null;
      });
    this.entries.set(scanId, entry);
    for (const id of [...this.entries.keys()].slice(0, Math.max(0, this.entries.size - keptInMemory))) {
      if (this.entries.get(id)?.state !== 'running') this.entries.delete(id);
    }
  }

  cancel(scanId: string): boolean {
    const entry = this.entries.get(scanId);
    if (!entry?.running) return false;
    entry.state = 'cancelled';
    entry.running.cancel();
    return true;
  }

  /** The scan's state; with `waitMs`, once it settles or after that long. Null when unknown. */
  async state(scanId: string, waitMs = 0): Promise<ScanState | null> {
    const entry = this.entries.get(scanId);
    if (!entry) {
      const saved = await this.saved(scanId);
      if (!saved) return null;
      const { scanned, findings, skipped } = saved;
      return {
        scanId,
        state: 'done',
        progress: { ...scanned, findings: findings.length, skipped: skipped.files },
        result: resultOf(saved),
        error: null,
      };
    }
    if (entry.state === 'running' && waitMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([entry.settled, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
    }
    const progress = entry.saved
      ? { ...entry.saved.scanned, findings: entry.saved.findings.length, skipped: entry.saved.skipped.files }
      : { ...(entry.running?.progress ?? { files: 0, bytes: 0, findings: 0, skipped: 0 }) };
    return {
      scanId,
      state: entry.state,
      progress,
      result: entry.saved ? resultOf(entry.saved) : null,
      error: entry.error,
    };
  }

  /** A finished scan with its spans: from this process, else from the Lapse folder. */
  async saved(scanId: string): Promise<SavedScan | null> {
    return this.entries.get(scanId)?.saved ?? (await (await import('./saved-scans.js')).loadScan(this.folder, scanId));
  }

  /** Keep an updated copy (e.g. findings now in the vault) for this process's answers. */
  remember(saved: SavedScan): void {
    const entry = this.entries.get(saved.scanId);
    if (entry) entry.saved = saved;
  }
}
