import { useEffect, useId, useRef, useState } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { lapseApi } from '../../api/lapse-api.js';

interface DeleteDialogProps {
  token: TokenView;
  onDeleted(id: string): void;
  onCancel(): void;
}

/** A modal confirmation: the keychain entry and the metadata go together, for good. */
export function DeleteDialog({ token, onDeleted, onCancel }: DeleteDialogProps) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Modal: focus stays inside, Esc closes. Unmounting removes it from the page, which closes it.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const result = await lapseApi.deleteToken({ id: token.id });
    setBusy(false);
    if (result.ok) onDeleted(token.id);
    else setError(result.error.message);
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onClose={onCancel}
    >
      <h2 id={`${id}-title`}>Delete &apos;{token.label}&apos;?</h2>
      <p id={`${id}-text`}>Its keychain entry and metadata are removed. This can&apos;t be undone.</p>
      {error && (
        <p className="form-problem" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger-solid" onClick={() => void confirm()} disabled={busy}>
          {busy ? 'Deleting…' : 'Delete'}
        </button>
      </div>
    </dialog>
  );
}
