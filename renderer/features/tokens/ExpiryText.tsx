import { describeExpiry } from '../../../shared/countdown.js';
import { useNow, useWatchedExpiry } from '../../app/useTicker.js';
import { exactDate } from './dates.js';

/** "in 3 days" / "in 42 min 10 s" / "expired 2 days ago", the exact date on hover; "no expiry" or "expiry unknown" without one. */
export function ExpiryText({
  expiresAt,
  unknown = false,
}: {
  expiresAt: string | null;
  unknown?: boolean | undefined;
}) {
  if (expiresAt) return <Countdown expiresAt={expiresAt} />;
  return unknown ? (
    <span className="expiry expiry-none" title="Nobody told Lapse when it expires, and the token does not say.">
      expiry unknown
    </span>
  ) : (
    <span className="expiry expiry-none">no expiry</span>
  );
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
