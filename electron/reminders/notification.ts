import type { ReminderNotification } from '../../shared/contract/reminder-calls.js';
import { describeSpan } from '../../shared/countdown.js';
import type { VaultFile } from '../vault/vault-file.js';
import { reminderView, type ReminderItem } from './reminders-now.js';

const shownInSummary = 4;
// Longer than any sleep of the notifier loop: a pause this long is a gap (lid closed, offline).
export const gapMs = 30 * 60 * 1000;

/**
 * The one notification for everything due in one pass: the reminder itself when there is one,
 * else one summary, so a return from sleep or days offline is one notification, not a burst.
 */
export function notificationFor(
  items: ReminderItem[],
  vault: VaultFile,
  now: number,
  lastLook: number | null,
): ReminderNotification | null {
  const first = items[0];
  if (!first) return null;
  // Worded only as many as the notification shows: after a long gap there may be thousands.
  const views = items.slice(0, shownInSummary).map((item) => reminderView(item, vault, now));
  const reminderIds = items.map((item) => item.plan.id);
  if (items.length === 1 && views[0])
    return { title: views[0].title, body: views[0].body, tokenId: first.plan.tokenId, reminderIds, summary: false };
  const tokenIds = [...new Set(items.map((item) => item.plan.tokenId))];
  const away =
    lastLook !== null && now - lastLook > gapMs
      ? `While Lapse was not looking (${describeSpan(now - lastLook)}): `
      : '';
  const lines = views.map((v) => `• ${v.title}`);
  if (items.length > shownInSummary)
    lines.push(`…and ${items.length - shownInSummary} more. Open Lapse to see them all.`);
  return {
    title: `${away}${tokenIds.length === 1 ? `${items.length} reminders for "${first.record.label}"` : `${tokenIds.length} tokens need attention`}`,
    body: lines.join('\n'),
    tokenId: tokenIds.length === 1 ? first.plan.tokenId : null,
    reminderIds,
    summary: true,
  };
}
