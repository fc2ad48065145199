import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { FormProblem } from '../../lib/FormProblem.js';

interface ConfirmDialogProps {
  title: string;
  text: string;
  confirmLabel: string;
  busyLabel: string;
  /** `danger` (default): the confirm button is red; `plain` for steps that are easy to undo. */
  tone?: 'danger' | 'plain';
  /** Fields the step needs (e.g. a tag to add), between the text and the buttons. */
  children?: ReactNode;
  /** Runs the step; answers the service's message when it failed, null when done. */
  onConfirm(): Promise<string | null>;
  onDone(): void;
  onCancel(): void;
}

/** A modal yes/no for a step that deserves a second thought; the service's error stays in the dialog. */
export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  busyLabel,
  tone = 'danger',
  children,
  onConfirm,
  onDone,
  onCancel,
}: ConfirmDialogProps) {
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
    const problem = await onConfirm();
    setBusy(false);
    if (problem === null) onDone();
    else setError(problem);
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onClose={onCancel}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-text`}>{text}</p>
      {children}
      <FormProblem text={error} />
      <div className="form-actions">
        <button type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className={tone === 'danger' ? 'danger-solid' : 'primary'}
          onClick={() => !busy && void confirm()}
          aria-disabled={busy || undefined}
        >
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
