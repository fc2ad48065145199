import { useEffect, useRef, useState } from 'react';
import { dismissToast, subscribeToasts, type Toast } from './toasts.js';

const shownMs = 8000;

function ToastItem({ toast, onGone }: { toast: Toast; onGone(): void }) {
  const ref = useRef<HTMLLIElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    // Not while the person is in it (about to press Undo): it goes when they leave or dismiss it.
    const timer = setInterval(() => {
      if (!ref.current?.contains(document.activeElement)) {
        clearInterval(timer);
        dismissToast(toast.id);
      }
    }, shownMs);
    return () => clearInterval(timer);
  }, [toast.id]);
  const close = () => {
    dismissToast(toast.id);
    onGone();
  };
  const act = async () => {
    const failed = await toast.action?.run();
    if (failed) setProblem(failed);
    else close();
  };
  return (
    <li ref={ref} className={`toast${toast.tone === 'critical' ? ' toast-critical' : ''}`}>
      <span>{problem ?? toast.text}</span>
      {toast.action && !problem && (
        <button type="button" className="link-button" onClick={() => void act()}>
          {toast.action.label}
        </button>
      )}
      <button type="button" className="quiet" onClick={close} aria-label="Dismiss">
        ✕
      </button>
    </li>
  );
}

/** Where toasts appear (bottom right), announced politely; focus returns to the list when one is closed from inside. */
export function Toasts({ onFocusHome }: { onFocusHome(): void }) {
  const [shown, setShown] = useState<readonly Toast[]>([]);
  useEffect(() => subscribeToasts(setShown), []);
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="Notices">
      <ul className="toast-list">
        {shown.map((toast) => (
          <ToastItem key={toast.id} toast={toast} onGone={onFocusHome} />
        ))}
      </ul>
    </div>
  );
}
