import { useCallback, useId, useState } from 'react';
import type { DeletedToken } from '../../../shared/api.js';
import { lapseApi } from '../../api/lapse-api.js';
import { useLiveChanges } from '../../app/liveChanges.js';
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js';
import { showToast } from '../toasts/toasts.js';
import { exactDate, shortDate } from './dates.js';
import { providerNames } from './providers.js';
import { useAnswerEffect } from '../../lib/useAnswerEffect.js';
import { FormProblem } from '../../lib/FormProblem.js';

type State = { phase: 'loading' } | { phase: 'ready'; tokens: DeletedToken[] } | { phase: 'failed'; message: string };

/** Recently deleted: each kept 30 days, secret included; Restore brings it back, Delete for good removes it. */
export function DeletedView({ onRestored }: { onRestored(id: string): Promise<void> }) {
  const id = useId();
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [purging, setPurging] = useState<DeletedToken | 'all' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const toState = (answer: Awaited<ReturnType<typeof lapseApi.listDeleted>>): State =>
    answer.ok ? { phase: 'ready', tokens: answer.value.tokens } : { phase: 'failed', message: answer.error.message };
  const read = useCallback(async () => setState(toState(await lapseApi.listDeleted({}))), []);
  useAnswerEffect(
    () => lapseApi.listDeleted({}),
    [],
    (answer) => setState(toState(answer)),
  );
  useLiveChanges(['vault'], read);

  const restore = async (entry: DeletedToken) => {
    const answer = await lapseApi.restoreToken({ id: entry.token.id });
    if (!answer.ok) return setProblem(answer.error.message);
    setProblem(null);
    showToast({ text: `Restored “${entry.token.label}”.` });
    await read();
    await onRestored(entry.token.id);
  };
  const purge = async () => {
    const answer = await lapseApi.purgeDeleted(purging === 'all' || purging === null ? {} : { id: purging.token.id });
    if (!answer.ok) return answer.error.message;
    await read();
    return null;
  };
  const tokens = state.phase === 'ready' ? state.tokens : [];

  return (
    <section className="deleted-page" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Recently deleted</h2>
      <p className="hint">
        A deleted token stays here for 30 days, its secret still in the OS keychain, so a slip can be undone. Deleting
        does not revoke it: it keeps working at its provider.
      </p>
      {state.phase === 'loading' && <p className="muted">Reading…</p>}
      <FormProblem text={state.phase === 'failed' ? state.message : null} />
      <FormProblem text={problem} />
      {state.phase === 'ready' && tokens.length === 0 && <p className="muted">Nothing here.</p>}
      {tokens.length > 0 && (
        <>
          <ul className="reminder-rows">
            {tokens.map((entry) => (
              <li key={entry.token.id} className="reminder-row">
                <div className="reminder-text">
                  <strong>{entry.token.label}</strong>
                  <span className="muted">
                    {providerNames[entry.token.provider]} · <code>{entry.token.masked}</code> · deleted{' '}
                    <time dateTime={entry.deletedAt} title={exactDate(entry.deletedAt)}>
                      {shortDate(entry.deletedAt)}
                    </time>
                    , kept until {shortDate(entry.purgeAt)}
                  </span>
                </div>
                <div className="reminder-actions">
                  <button type="button" className="primary" onClick={() => void restore(entry)}>
                    Restore<span className="visually-hidden"> {entry.token.label}</span>
                  </button>
                  <button type="button" className="danger" onClick={() => setPurging(entry)}>
                    Delete for good…<span className="visually-hidden"> {entry.token.label}</span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
          <div>
            <button type="button" className="danger" onClick={() => setPurging('all')}>
              Empty Recently deleted…
            </button>
          </div>
        </>
      )}
      {purging && (
        <ConfirmDialog
          title={
            purging === 'all'
              ? `Delete ${tokens.length} token${tokens.length === 1 ? '' : 's'} for good?`
              : `Delete '${purging.token.label}' for good?`
          }
          text="The secret leaves the OS keychain and the metadata the vault; the audit log keeps the history. This can't be undone, and it does not revoke anything at the provider."
          confirmLabel="Delete for good"
          busyLabel="Deleting…"
          onConfirm={purge}
          onDone={() => setPurging(null)}
          onCancel={() => setPurging(null)}
        />
      )}
    </section>
  );
}
