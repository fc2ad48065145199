import type { z } from 'zod';
import type { reminderSummarySchema } from '../../shared/contract/reminder-calls.js';
import { evaluateToken, severityOf } from '../../shared/lifecycle.js';
import type { VaultFile } from '../vault/vault-file.js';

/** How many tokens need action (a warning or critical finding) and which expires next. Pure. */
export function reminderSummary(vault: VaultFile, now: number): z.infer<typeof reminderSummarySchema> {
  const live = Object.values(vault.tokens).filter((record) => !record.revokedAt);
  const needAction = live.filter((record) => {
    const { status } = evaluateToken(record, now, vault.policy);
    return status !== 'healthy' && severityOf[status] !== 'info';
  }).length;
  const next = live
    .filter((record) => record.expiresAt && Date.parse(record.expiresAt) > now)
    .sort((a, b) => Date.parse(a.expiresAt ?? '') - Date.parse(b.expiresAt ?? ''))[0];
  return {
    needAction,
    nextExpiry: next?.expiresAt ? { tokenId: next.id, label: next.label, expiresAt: next.expiresAt } : null,
  };
}
