import { describeSpan, isoDay } from '../../shared/countdown.js';
import type { TokenRecord } from '../../shared/model.js';
import type { Policy } from '../../shared/policy.js';
import type { PlannedReminder } from './schedule.js';

/** A reminder in words, as of `now`: a title with the numbers, and what to do. Never a secret. */
export function reminderText(reminder: PlannedReminder, record: TokenRecord, policy: Policy, now: number): { title: string; body: string } {
  const name = `"${record.label}"`;
  if (reminder.series === 'expiry' && record.expiresAt) {
    const expiresAt = Date.parse(record.expiresAt);
    const on = isoDay(record.expiresAt);
    // Worded at `now`, not at the tier: after a gap the news is how long is left now.
    if (now >= expiresAt) {
      return { title: `${name} has expired`, body: `It expired on ${on}. Rotate it, or revoke and remove it if nothing needs it.` };
    }
    return { title: `${name} expires in ${describeSpan(expiresAt - now)}`, body: `It expires on ${on}. Rotate it before then.` };
  }
  if (reminder.kind === 'rotation-overdue') {
    const since = now - Date.parse(record.lastRotatedAt ?? record.createdAt);
    const what = record.lastRotatedAt ? 'Last rotated' : 'Created and never rotated';
    return {
      title: `${name} is due for rotation`,
      body: `${what} ${describeSpan(since)} ago; policy asks for rotation every ${policy.rotationDays} days. Rotate it.`,
    };
  }
  const since = now - Date.parse(record.lastVerifiedAt ?? record.createdAt);
  return {
    title: `${name} needs verifying`,
    body: record.lastVerifiedAt
      ? `Last verified ${describeSpan(since)} ago; policy asks every ${policy.unverifiedDays} days. Verify it with its provider.`
      : `Never verified in the ${describeSpan(since)} since it was added; policy asks every ${policy.unverifiedDays} days. Verify it with its provider.`,
  };
}
