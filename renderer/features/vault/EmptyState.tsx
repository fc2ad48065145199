interface EmptyStateProps {
  /** Why adding is not possible right now, or null. */
  addBlockedBy: string | null;
  onAdd(): void;
}

/** First run: nothing stored yet, one clear way in. */
export function EmptyState({ addBlockedBy, onAdd }: EmptyStateProps) {
  return (
    <div className="empty">
      <h2>No tokens yet</h2>
      <p>
        Add the API tokens you use. Lapse keeps each value in your OS keychain, counts down to its expiry and tells you
        when one goes stale.
      </p>
      <button type="button" className="primary" onClick={onAdd} disabled={addBlockedBy !== null}>
        Add a token
      </button>
      {addBlockedBy && <p className="hint">{addBlockedBy}</p>}
      <p className="hint">
        Shortcut: <kbd>n</kbd>
      </p>
    </div>
  );
}
