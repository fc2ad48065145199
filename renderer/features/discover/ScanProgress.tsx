import type { ScanState } from '../../../shared/api.js';
import { count, megabytes } from './scanWords.js';

interface ScanProgressProps {
  /** Null while the scan is starting. */
  progress: ScanState['progress'] | null;
  onCancel(): void;
}

/** A running scan: how far it got, and Cancel. */
export function ScanProgress({ progress, onCancel }: ScanProgressProps) {
  return (
    <div className="scan-progress">
      <progress aria-label="Scanning" />
      <p role="status">
        {progress
          ? `Scanning… ${count(progress.files, 'file')} read (${megabytes(progress.bytes)}), ${count(progress.findings, 'token')} found, ${count(progress.skipped, 'file')} skipped.`
          : 'Starting the scan…'}
      </p>
      <button type="button" onClick={onCancel} disabled={!progress}>
        Cancel
      </button>
    </div>
  );
}
