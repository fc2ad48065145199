import { snoozeSpans, type SnoozeSpan } from '../../shared/reminders.js';
import { recordAudits, reminderRef } from '../audit/audit-log.js';
import type { MetadataStore } from '../vault/metadata-store.js';
import type { VaultFile } from '../vault/vault-file.js';
import { logSnoozed, remindedStep } from './reminder-audit.js';
import { remindersAt } from './reminders-now.js';

/** The vault file, and the clock that says when now is. */
interface SnoozeParts {
  store: MetadataStore;
  now: () => number;
}

/**
 * Snooze one reminder (`id` names it), or every due reminder of a token (`id` names the token),
 * for `span` from now; null when the id names neither.
 */
export async function snoozeReminders(
  { store, now }: SnoozeParts,
  id: string,
  span: SnoozeSpan,
): Promise<{ id: string; snoozedUntil: string }[] | null> {
  const at = now();
  const done = await store.update((vault) => {
    const items = remindersAt(vault, at);
    const chosen = vault.tokens[id]
      ? items.filter((item) => item.plan.tokenId === id && item.state === 'due')
      : items.filter((item) => item.plan.id === id);
    if (chosen.length === 0) return null;
    const snoozedUntil = new Date(at + snoozeSpans[span]).toISOString();
    for (const item of chosen) vault.reminders.snoozed[item.plan.id] = snoozedUntil;
    return { snoozedUntil, steps: chosen.map((item) => remindedStep(item, vault, at)) };
  });
  if (!done) return null;
  logSnoozed(store, done.steps, done.snoozedUntil, at);
  return done.steps.map((step) => ({ id: step.id, snoozedUntil: done.snoozedUntil }));
}

/** End snoozes now: one reminder's, or every one of a token's; answers the ids whose snooze ended. */
export async function endSnoozes({ store, now }: SnoozeParts, id: string): Promise<string[]> {
  const at = now();
  const ended = await store.update((vault) => {
    const ids = Object.keys(vault.reminders.snoozed).filter((rid) => rid === id || rid.startsWith(`${id}.`));
    for (const rid of ids) delete vault.reminders.snoozed[rid];
    return ids;
  });
  const { tokens } = await store.read();
  recordAudits(
    store,
    ended.flatMap((rid) => snoozeEnded(rid, tokens, at)),
  );
  return ended;
}

/** The audit entry for a snooze ended by hand (none once the token is gone). */
const snoozeEnded = (rid: string, tokens: VaultFile['tokens'], at: number) => {
  const record = tokens[rid.split('.')[0] ?? ''];
  return record
    ? [
        {
          event: 'reminded' as const,
          tokenId: record.id,
          label: record.label,
          detail: `Snooze ended by hand: the reminder is back ${reminderRef(rid)}.`,
          at,
        },
      ]
    : [];
};
