import type { ReactNode } from 'react';

interface FormActionsProps {
  /** The submit button's words, and what it says while `busy`. */
  submit: string;
  busyText: string;
  busy: boolean;
  /** Submitting is not possible yet for another reason (a choice still to make). */
  held?: boolean;
  /**
   * In a dialog the submit stays focusable while off (`aria-disabled`), so the keyboard is not
   * dropped out of it; in a page form it is `disabled`.
   */
  inDialog?: boolean;
  /** Further buttons after the submit. */
  children?: ReactNode;
  onCancel?(): void;
}

/** A form's footer: the primary submit, any further buttons, then Cancel. */
export function FormActions({
  submit,
  busyText,
  busy,
  held = false,
  inDialog = false,
  children,
  onCancel,
}: FormActionsProps) {
  const off = busy || held;
  return (
    <div className="form-actions">
      <button
        type="submit"
        className="primary"
        {...(inDialog ? { 'aria-disabled': off || undefined } : { disabled: off })}
      >
        {busy ? busyText : submit}
      </button>
      {children}
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
