import type { TokenView } from '../../../shared/model.js';
import { useNow } from '../../app/useTicker.js';
import { useCopy, type CopyState } from './useCopy.js';
import { useReveal } from './useReveal.js';

const secondsLeft = (until: number, now: number) => Math.max(0, Math.ceil((until - now) / 1000));

function copyMessage(state: CopyState, now: number): string {
  switch (state.phase) {
    case 'idle':
      return '';
    case 'busy':
      return 'Copying…';
    case 'copied':
      return `Copied — clears in ${secondsLeft(state.clearsAt, now)} s`;
    case 'copied-unchecked':
      return 'Copied — clear your clipboard yourself: this browser does not let Lapse check what it holds.';
    case 'cleared':
      return 'Clipboard cleared.';
    case 'cleared-if-unchanged':
      return 'Clipboard cleared, unless you copied something else since.';
    case 'replaced':
      return 'You copied something else since; Lapse left your clipboard alone.';
    case 'failed':
      return state.message;
  }
}

interface SecretActionsProps {
  token: TokenView;
  /** Why the keychain can't be reached, when it can't: Reveal and Copy wait for it. */
  keychainProblem: string | null;
}

/** The masked value, Reveal (30 s, visible countdown) and Copy (cleared after 30 s). */
export function SecretActions({ token, keychainProblem }: SecretActionsProps) {
  const now = useNow();
  const reveal = useReveal(token.id);
  const copy = useCopy(token.id);
  const shown = reveal.shown;
  // A revoked token's secret has left the keychain: there is nothing to reveal or copy.
  const revoked = token.revokedAt !== null;
  const blocked = keychainProblem !== null || revoked;

  return (
    <section className="secret" aria-label="Value">
      <div className="secret-value">
        <code className={shown ? 'revealed' : undefined}>{shown ? shown.secret : token.masked}</code>
        {shown && (
          <span className="hides-in" role="timer">
            hides in {secondsLeft(shown.hidesAt, now)} s
          </span>
        )}
      </div>
      <div className="secret-buttons">
        {shown ? (
          <button type="button" onClick={reveal.hide}>
            Hide
          </button>
        ) : (
          <button type="button" onClick={() => void reveal.reveal()} disabled={blocked || reveal.busy}>
            Reveal
          </button>
        )}
        <button type="button" onClick={() => void copy.copy()} disabled={blocked || copy.state.phase === 'busy'}>
          Copy
        </button>
        <span className="fingerprint" title="First 8 hex characters of the SHA-256 of the value">
          fingerprint {token.fingerprint}
        </span>
      </div>
      <p className="secret-message" role="status">
        {revoked
          ? 'Revoked: its value has left the keychain; Lapse keeps only this record as history.'
          : copyMessage(copy.state, now)}
      </p>
      {reveal.error && (
        <p className="secret-error" role="alert">
          {reveal.error}
        </p>
      )}
    </section>
  );
}
