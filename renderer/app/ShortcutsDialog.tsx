import { useEffect, useId, useRef } from 'react';

const shortcuts: [string, string][] = [
  ['/', 'Search tokens (label, tag, provider, account, purpose, scopes)'],
  ['↓ in the search', 'Into the results'],
  ['n', 'Add a token'],
  ['↑ ↓, Page Up/Down, Home, End', 'Move in the list'],
  ['Enter', 'Open the token'],
  ['Space', 'Tick the token for a bulk action'],
  ['Shift + ↑ ↓', 'Tick a range'],
  ['Ctrl + A (in the list)', 'Tick every token shown'],
  ['Esc', 'Close the panel or dialog'],
  ['g then l', 'Go to the token list'],
  ['?', 'This list'],
];

/** `?`: every keyboard shortcut of the window. */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog shortcuts-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`}>Keyboard shortcuts</h2>
      <dl className="shortcut-list">
        {shortcuts.map(([keys, what]) => (
          <div key={keys} className="shortcut">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <div className="form-actions">
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
