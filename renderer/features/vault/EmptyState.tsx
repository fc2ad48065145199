interface EmptyStateProps {
  /** Why adding is not possible right now, or null. */
  addBlockedBy: string | null;
  onAdd(): void;
  /** Opens the Discover view: the second way in, for tokens already lying in plaintext files. */
  onDiscover?(): void;
}

/** First run: nothing stored yet; add a token, or discover the ones already on this machine. */
export function EmptyState({ addBlockedBy, onAdd, onDiscover }: EmptyStateProps) {
  return (
    <div className="empty">
      <h2>No tokens yet</h2>
      <p>
        Add the API tokens you use. Lapse keeps each value in your OS keychain, counts down to its expiry and tells you
        when one goes stale.
      </p>
      <div className="empty-paths">
        <button type="button" className="primary" onClick={onAdd} disabled={addBlockedBy !== null}>
          Add a token
        </button>
        {onDiscover && (
          <button type="button" onClick={onDiscover}>
            Discover the tokens already on this machine
          </button>
        )}
      </div>
      {addBlockedBy && <p className="hint">{addBlockedBy}</p>}
      <p className="hint">
        Shortcut: <kbd>n</kbd>
      </p>
    </div>
  );
}
