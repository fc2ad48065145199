import { describeExpiry } from '../../../shared/countdown.js';
import { exactDate } from './dates.js';

/** "in 3 days" / "expired 2 days ago", the exact date on hover. */
export function ExpiryText({ expiresAt, now }: { expiresAt: string | null; now: number }) {
  if (!expiresAt) return <span className="expiry expiry-none">no expiry</span>;
  const past = Date.parse(expiresAt) <= now;
  return (
    <time className="expiry" dateTime={expiresAt} title={`${past ? 'Expired' : 'Expires'} ${exactDate(expiresAt)}`}>
      {describeExpiry(expiresAt, now)}
    </time>
  );
}
