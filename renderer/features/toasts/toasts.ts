/** A short message after an action, with the way back when there is one ("Undo"). */
export interface Toast {
  id: number;
  text: string;
  action?: { label: string; run(): Promise<string | null> | void };
  tone?: 'info' | 'critical';
}

type Listener = (toasts: readonly Toast[]) => void;
const listeners = new Set<Listener>();
let toasts: Toast[] = [];
let next = 1;

const publish = () => {
  for (const listener of [...listeners]) listener(toasts);
};

/** Show a toast; it stays 8 s (or until dismissed, while focus is in it). Returns its id. */
export function showToast(toast: Omit<Toast, 'id'>): number {
  const id = next++;
  toasts = [...toasts.slice(-2), { ...toast, id }];
  publish();
  return id;
}

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  publish();
}

export function subscribeToasts(listener: Listener): () => void {
  listeners.add(listener);
  listener(toasts);
  return () => {
    listeners.delete(listener);
  };
}
