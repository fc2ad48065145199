import type { Finding, FindingAction } from '../../../shared/model.js';
import { severityWords } from './status.js';

// The step each finding recommends. Rotate, verify and revoke are not calls of the contract yet,
// so they are named, not offered as buttons that could only fail.
const actionWords: Record<FindingAction, string> = {
  rotate: 'Rotate',
  'narrow-scopes': 'Narrow its scopes at the provider',
  verify: 'Verify',
  revoke: 'Revoke',
  'set-expiry': 'Set its expiry',
  'restore-secret': 'Restore the value, or delete this record',
  none: '',
};

interface FindingListProps {
  findings: readonly Finding[];
  /** Opens the edit form, for findings whose step is setting the expiry. */
  onSetExpiry(): void;
}

/** Every finding, worst first: its severity in words, its one-sentence message and its next step. */
export function FindingList({ findings, onSetExpiry }: FindingListProps) {
  if (findings.length === 0) return <p className="hint">Nothing to act on.</p>;
  return (
    <ul className="findings">
      {findings.map((finding) => (
        <li key={finding.code} className={`finding tone-${finding.severity}`}>
          <span className="finding-severity">
            <span className="dot" aria-hidden="true" />
            {severityWords[finding.severity]}
          </span>
          <span className="finding-body">
            <span className="finding-message">{finding.message}</span>
            {finding.action === 'set-expiry' ? (
              <button type="button" className="finding-action" onClick={onSetExpiry}>
                Set expiry
              </button>
            ) : (
              finding.action !== 'none' && (
                <span className="finding-step">Next step: {actionWords[finding.action]}</span>
              )
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
