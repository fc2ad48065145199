import type { PolicyCheck } from '../../../shared/api.js';
import { providerNames } from '../tokens/providers.js';
import { statusWords } from '../tokens/status.js';
import { thresholdWords } from './reportWords.js';

// Past this many, the list says how many more rather than growing the card without end.
const listedAtMost = 8;

/** Whether `lapse check` would pass under the vault's policy, and if not, which findings fail it. */
export function PolicyCheckCard({ check }: { check: PolicyCheck }) {
  const tokens = new Set(check.failing.map((f) => f.tokenId)).size;
  const shown = check.failing.slice(0, listedAtMost);
  return (
    <section className="report-card report-check" aria-labelledby="report-check-title">
      <h3 id="report-check-title">
        Policy check (<code>lapse check</code>)
      </h3>
      {check.passed ? (
        <>
          <p className="check-verdict tone-healthy">
            <span aria-hidden="true">✓ </span>Passes
          </p>
          <p>No finding reaches the threshold: {thresholdWords[check.threshold]}.</p>
        </>
      ) : (
        <>
          <p className="check-verdict tone-critical">
            <span aria-hidden="true">✕ </span>Would fail
          </p>
          <p>
            {check.failing.length} finding{check.failing.length === 1 ? '' : 's'} on {tokens} token
            {tokens === 1 ? '' : 's'} reach the threshold ({thresholdWords[check.threshold]}):
          </p>
          <ul className="check-failing">
            {shown.map((f) => (
              <li key={`${f.tokenId}-${f.code}`}>
                <span className="check-token">{f.label}</span>{' '}
                <span className="muted">({providerNames[f.provider]})</span> —{' '}
                <span className={`check-code severity-${f.severity}`}>{statusWords[f.code]}</span>: {f.message}
              </li>
            ))}
          </ul>
          {check.failing.length > shown.length && (
            <p className="hint">…and {check.failing.length - shown.length} more in the table below.</p>
          )}
        </>
      )}
    </section>
  );
}
