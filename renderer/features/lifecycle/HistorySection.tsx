import { useCallback, useId, useState } from 'react';
import type { AuditEntry } from '../../../shared/api.js';
import { lapseApi } from '../../api/lapse-api.js';
import { exactDate, shortDate } from '../tokens/dates.js';
import { useLiveChanges } from '../../app/liveChanges.js';
import { useVaultChanges } from '../../lib/vaultChanges.js';
import { useAnswerEffect } from '../../lib/useAnswerEffect.js';
import { FormProblem } from '../../lib/FormProblem.js';

// A failed verify is not "verified": each event says what it was.
const eventWords: Record<AuditEntry['event'], string> = {
  added: 'added',
  edited: 'edited',
  verified: 'verified',
  'verify-failed': 'not verified',
  rotated: 'rotated',
  revoked: 'revoked',
  exposed: 'exposed',
  reminded: 'reminded',
  deleted: 'deleted',
  restored: 'restored',
};

type HistoryState =
  { phase: 'loading' } | { phase: 'ready'; entries: AuditEntry[] } | { phase: 'failed'; message: string };

const ask = (id: string) => lapseApi.getHistory({ id });

const toState = (answer: Awaited<ReturnType<typeof ask>>): HistoryState =>
  answer.ok
    ? { phase: 'ready', entries: [...answer.value.entries].reverse() }
    : { phase: 'failed', message: answer.error.message };

/** The token's audit log, newest first: when, what, and the one-sentence detail. */
function HistoryList({ tokenId, labelledBy }: { tokenId: string; labelledBy: string }) {
  const [state, setState] = useState<HistoryState>({ phase: 'loading' });

  const load = useCallback(async () => setState(toState(await ask(tokenId))), [tokenId]);

  useAnswerEffect(
    () => ask(tokenId),
    [tokenId],
    (answer) => setState(toState(answer)),
  );
  // A verify, rotation or revocation adds lines to the log; so does the CLI, which the change stream reports.
  useVaultChanges(load);
  useLiveChanges(['audit'], load);

  return (
    <div id={`${labelledBy}-list`}>
      {state.phase === 'loading' && <p className="muted">Loading history…</p>}
      <FormProblem text={state.phase === 'failed' ? state.message : null} />
      {state.phase === 'ready' && state.entries.length === 0 && <p className="muted">Nothing recorded yet.</p>}
      {state.phase === 'ready' && state.entries.length > 0 && (
        <ol className="history-list" aria-labelledby={labelledBy}>
          {state.entries.map((entry, i) => (
            <li key={`${entry.at}-${i}`} className="history-entry">
              <time dateTime={entry.at} title={exactDate(entry.at)}>
                {shortDate(entry.at)}
              </time>
              <span className={`history-event event-${entry.event}`}>{eventWords[entry.event]}</span>
              <span className="history-detail">{entry.detail}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** The detail panel's History: read from the audit log only when the person opens it. */
export function HistorySection({ tokenId }: { tokenId: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <section className="history" aria-labelledby={`${id}-title`}>
      <div className="history-head">
        <h3 id={`${id}-title`}>History</h3>
        <button
          type="button"
          className="quiet"
          aria-expanded={open}
          aria-controls={open ? `${id}-title-list` : undefined}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide history' : 'Show history'}
        </button>
      </div>
      {open && <HistoryList tokenId={tokenId} labelledBy={`${id}-title`} />}
    </section>
  );
}
