import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScanResult, ScanState, StartScanInput } from '../../../shared/api.js';
import { lapseApi } from '../../api/lapse-api.js';
import { announceVaultChange } from '../../lib/vaultChanges.js';

// Each getScan answers when the scan ends or after this long: the pace of the progress line.
const pollWaitMs = 700;

export type ScanPhase =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'running'; scanId: string; progress: ScanState['progress'] }
  | { phase: 'done'; result: ScanResult }
  | { phase: 'cancelled' };

export interface Scan {
  state: ScanPhase;
  /** The service's message when a scan could not start, run or be followed. */
  error: string | null;
  start(input: StartScanInput): Promise<void>;
  cancel(): Promise<void>;
}

const noProgress: ScanState['progress'] = { files: 0, bytes: 0, findings: 0, skipped: 0 };

/**
 * One scan at a time: start it, follow its progress by long-polling getScan, cancel it. A scan
 * already running when the view opens (started before it was left) is picked up again.
 */
export function useScan(): Scan {
  const [state, setState] = useState<ScanPhase>({ phase: 'idle' });
  const [error, setError] = useState<string | null>(null);
  // Bumped on unmount and on every new follow, so an older loop stops at its next answer.
  const generation = useRef(0);

  const follow = useCallback(async (scanId: string) => {
    const mine = ++generation.current;
    setState({ phase: 'running', scanId, progress: noProgress });
    for (;;) {
      const answer = await lapseApi.getScan({ scanId, waitMs: pollWaitMs });
      if (generation.current !== mine) return;
      if (!answer.ok) {
        setError(answer.error.message);
        setState({ phase: 'idle' });
        return;
      }
      const scan = answer.value;
      if (scan.state === 'running') {
        setState({ phase: 'running', scanId, progress: scan.progress });
      } else if (scan.state === 'done' && scan.result) {
        setState({ phase: 'done', result: scan.result });
        // A copy of a vault token's value marks that token exposed: the list must say so.
        if (scan.result.findings.some((f) => f.tokenId !== null)) announceVaultChange();
        return;
      } else if (scan.state === 'cancelled') {
        setState({ phase: 'cancelled' });
        return;
      } else {
        setError(scan.error?.message ?? 'The scan stopped without a result. Scan again.');
        setState({ phase: 'idle' });
        return;
      }
    }
  }, []);

  const stopFollowing = useCallback(() => {
    generation.current++;
  }, []);

  useEffect(() => {
    const mine = generation.current;
    void lapseApi.listScans({}).then((answer) => {
      if (generation.current === mine && answer.ok && answer.value.running) void follow(answer.value.running);
    });
    return stopFollowing;
  }, [follow, stopFollowing]);

  const start = useCallback(
    async (input: StartScanInput) => {
      setError(null);
      setState({ phase: 'starting' });
      const started = await lapseApi.startScan(input);
      if (!started.ok) {
        setError(started.error.message);
        setState({ phase: 'idle' });
        return;
      }
      await follow(started.value.scanId);
    },
    [follow],
  );

  const cancel = useCallback(async () => {
    if (state.phase !== 'running') return;
    const stopped = await lapseApi.cancelScan({ scanId: state.scanId });
    if (!stopped.ok) setError(stopped.error.message);
  }, [state]);

  return { state, error, start, cancel };
}
