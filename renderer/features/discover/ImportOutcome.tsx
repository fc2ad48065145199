import { useEffect, useRef } from 'react';
import type { ImportResult } from '../../../shared/api.js';
import { count } from './scanWords.js';

const outcomeTone: Record<ImportResult['results'][number]['outcome'], string> = {
  imported: 'tone-healthy',
  'already-in-vault': 'tone-info',
  changed: 'tone-warning',
  failed: 'tone-critical',
};

/** What each import did, then per kind of place how to stop keeping the plaintext copy. */
export function ImportOutcome({ outcome }: { outcome: ImportResult }) {
  const imported = outcome.results.filter((r) => r.outcome === 'imported').length;
  const heading = useRef<HTMLHeadingElement>(null);
  // The Import button is disabled once its choice is done: focus moves on to what it did.
  useEffect(() => heading.current?.focus(), [outcome]);
  return (
    <section className="scan-card import-outcome" aria-labelledby="import-outcome-title">
      <h3 id="import-outcome-title" ref={heading} tabIndex={-1}>
        {imported > 0 ? `Imported ${count(imported, 'token')} into the OS keychain` : 'Nothing new was imported'}
      </h3>
      <ul className="import-results">
        {outcome.results.map((r) => (
          <li key={r.n} className={outcomeTone[r.outcome]}>
            {r.message}
          </li>
        ))}
      </ul>
      {outcome.advice.length > 0 && (
        <>
          <h4 className="advice-intro">Now stop keeping the plaintext copies</h4>
          {outcome.advice.map((a) => (
            <section
              key={a.source}
              className="advice"
              aria-label={`How to stop keeping the plaintext copy: ${a.title}`}
            >
              <h5>{a.title}</h5>
              <ul className="advice-files" aria-label="Files">
                {a.files.map((file) => (
                  <li key={file}>
                    <code>{file}</code>
                  </li>
                ))}
              </ul>
              <ol className="advice-steps">
                {a.steps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
            </section>
          ))}
        </>
      )}
    </section>
  );
}
