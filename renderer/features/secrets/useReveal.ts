import { useEffect, useState } from 'react';
import { lapseApi } from '../../api/lapse-api.js';
import { ticker } from '../../app/useTicker.js';

export interface Reveal {
  /** The value while it is shown, with the instant it hides again. */
  shown: { secret: string; hidesAt: number } | null;
  error: string | null;
  busy: boolean;
  reveal(): Promise<void>;
  hide(): void;
}

/** Reveal a token's value for as long as the service allows (30 s), then forget it. */
export function useReveal(id: string): Reveal {
  const [shown, setShown] = useState<Reveal['shown']>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The ticker both drives the visible "hides in 27 s" and drops the value when time is up.
  useEffect(() => (shown ? ticker.countdownTo(shown.hidesAt, () => setShown(null)) : undefined), [shown]);

  return {
    shown,
    error,
    busy,
    async reveal() {
      setBusy(true);
      setError(null);
      const result = await lapseApi.revealSecret({ id });
      setBusy(false);
      if (!result.ok) return setError(result.error.message);
      setShown({ secret: result.value.secret, hidesAt: Date.now() + result.value.hideAfterMs });
    },
    hide: () => setShown(null),
  };
}
