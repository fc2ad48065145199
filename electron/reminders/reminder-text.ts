import { describeSpan, isoDay } from '../../shared/countdown.js';
import { addedAtOf } from '../../shared/lifecycle.js';
import type { TokenRecord } from '../../shared/model.js';
import type { Policy } from '../../shared/policy.js';
import { refreshesTokens, refreshRefusal } from '../../shared/refresh-window.js';
import type { PlannedReminder } from './schedule.js';

/** A reminder in words, as of `now`: a title with the numbers, and what to do. Never a secret. */
export function reminderText(
  reminder: PlannedReminder,
  record: TokenRecord,
  policy: Policy,
  now: number,
): { title: string; body: string } {
  const name = `"${record.label}"`;
  if (reminder.series === 'expiry' && record.expiresAt) {
    const expiresAt = Date.parse(record.expiresAt);
    const on = isoDay(record.expiresAt);
    // Worded at `now`, not at the tier: after a gap the news is how long is left now.
    // A token Lapse refreshes, under a refresh policy that forbids it now: the reminder says when it may.
    const closed = refreshesTokens(record) ? refreshRefusal(record, policy, now) : null;
    const window = closed ? ` Refreshing is not allowed now: ${closed}` : '';
    if (now >= expiresAt) {
      return {
        title: `${name} has expired`,
        body: `It expired on ${on}. Rotate it, or revoke and remove it if nothing needs it.${window}`,
      };
    }
    return {
      title: `${name} expires in ${describeSpan(expiresAt - now)}`,
      body: `It expires on ${on}. Rotate it before then.${window}`,
    };
  }
  const since = (iso: string | null | undefined) => (iso ? `since ${isoDay(iso)}` : '');
  switch (reminder.kind) {
    case 'exposed':
      return {
        title: `${name} is exposed`,
        body: `Its value has been in plaintext in a file ${since(new Date(reminder.dueAt).toISOString())}. Rotate it, then keep it only in the keychain.`,
      };
    case 'revocation-pending':
      return {
        title: `${name}: old token still live`,
        body: `A revocation was asked for on ${isoDay(new Date(reminder.dueAt).toISOString())} and no verify has shown it dead yet. Confirm the revocation (Revoke, or Check again).`,
      };
    case 'disconnected':
      return {
        title: `${name} no longer works`,
        body: `${record.verification?.message ?? 'Its provider rejected it.'} Rotate it, or revoke and remove it if nothing needs it.`,
      };
    case 'secret-missing':
      return {
        title: `${name} has no secret in the keychain`,
        body: 'Lapse cannot reveal, verify or rotate it. Start Lapse with your usual keyring, or restore the value, or delete the record.',
      };
    default:
      break;
  }
  if (reminder.kind === 'rotation-overdue') {
    const since = now - Date.parse(record.lastRotatedAt ?? record.createdAt);
    const what = record.lastRotatedAt ? 'Last rotated' : 'Created and never rotated';
    return {
      title: `${name} is due for rotation`,
      body: `${what} ${describeSpan(since)} ago; policy asks for rotation every ${policy.rotationDays} days. Rotate it.`,
    };
  }
  const waited = now - Date.parse(record.lastVerifiedAt ?? addedAtOf(record));
  return {
    title: `${name} needs verifying`,
    body: record.lastVerifiedAt
      ? `Last verified ${describeSpan(waited)} ago; policy asks every ${policy.unverifiedDays} days. Verify it with its provider.`
      : `Never verified in the ${describeSpan(waited)} since it was added; policy asks every ${policy.unverifiedDays} days. Verify it with its provider.`,
  };
}
