import { describeExpiry } from '../../../shared/countdown.js';
import { useNow, useWatchedExpiry } from '../../app/useTicker.js';
import { exactDate } from './dates.js';

/** "in 3 days" / "in 42 min 10 s" / "expired 2 days ago", the exact date on hover. */
export function ExpiryText({ expiresAt }: { expiresAt: string | null }) {
  return expiresAt ? <Countdown expiresAt={expiresAt} /> : <span className="expiry expiry-none">no expiry</span>;
}

// Each countdown subscribes to the ticker itself: a tick re-renders the countdowns on screen, nothing else.
function Countdown({ expiresAt }: { expiresAt: string }) {
  const now = useNow();
  useWatchedExpiry(expiresAt);
  const past = Date.parse(expiresAt) <= now;
  return (
    <time className="expiry" dateTime={expiresAt} title={`${past ? 'Expired' : 'Expires'} ${exactDate(expiresAt)}`}>
      {describeExpiry(expiresAt, now)}
    </time>
  );
}
