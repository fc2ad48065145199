import { deletedKeepDays, type DeletedToken, type VaultApi } from '../../shared/api.js';
import { durations } from '../../shared/countdown.js';
import { fail, ok } from '../../shared/result.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import { viewToken } from './token-view.js';
import { deleteEverySlot } from './token-slots.js';
import type { ServiceParts } from '../service-parts.js';

const keepMs = deletedKeepDays * durations.day;

/** Recently deleted: a deleted token's record and keychain entries kept for 30 days, then removed for good. */
export function deletedCalls({
  keychain,
  store,
  now,
}: ServiceParts): Pick<VaultApi, 'listDeleted' | 'restoreToken' | 'purgeDeleted'> {
  /** Remove these for good: keychain entries first (if the keychain can't answer, the record stays to try again). */
  async function purge(ids: string[], why: string): Promise<string[]> {
    if (ids.length === 0) return [];
    const problem = await keychain.probe();
    if (problem) throw problem;
    const { deleted } = await store.read();
    const purged: string[] = [];
    for (const id of ids) {
      const entry = deleted[id];
      if (!entry) continue;
      await deleteEverySlot(keychain, id);
      purged.push(id);
      recordAudit(store, { event: 'deleted', tokenId: id, label: entry.record.label, detail: why, at: now() });
    }
    await store.update((vault) => {
      for (const id of purged) delete vault.deleted[id];
    });
    return purged;
  }

  /** Past their 30 days: gone for good, when the keychain can answer now (else at a later look). */
  async function purgeExpired(): Promise<void> {
    const { deleted } = await store.read();
    const due = Object.entries(deleted)
      .filter(([, e]) => Date.parse(e.deletedAt) + keepMs <= now())
      .map(([id]) => id);
    if (due.length && !(await keychain.probe()))
      await purge(due, `Deleted for good after ${deletedKeepDays} days in Recently deleted.`);
  }

  return {
    listDeleted: () =>
      guarded(async () => {
        await purgeExpired();
        const vault = await store.read();
        const tokens: DeletedToken[] = Object.values(vault.deleted)
          .map(({ record, deletedAt }) => ({
            token: viewToken(record, now(), vault.policy),
            deletedAt,
            purgeAt: new Date(Date.parse(deletedAt) + keepMs).toISOString(),
          }))
          .sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
        return ok({ tokens });
      }),

    restoreToken: ({ id }) =>
      guarded(async () => {
        const restored = await store.update((vault) => {
          const entry = vault.deleted[id];
          if (!entry) return null;
          delete vault.deleted[id];
          vault.tokens[id] = entry.record;
          return entry.record;
        });
        if (!restored)
          return fail('not-found', `Nothing in Recently deleted has id ${id}; it may have been deleted for good.`);
        recordAudit(store, {
          event: 'restored',
          tokenId: id,
          label: restored.label,
          detail: 'Restored from Recently deleted, with its secret.',
          at: now(),
        });
        const vault = await store.read();
        return ok(viewToken(restored, now(), vault.policy));
      }),

    purgeDeleted: ({ id }) =>
      guarded(async () => {
        const { deleted } = await store.read();
        if (id !== undefined && !deleted[id]) return fail('not-found', `Nothing in Recently deleted has id ${id}.`);
        const problem = await keychain.probe();
        if (problem) return fail(problem.code, problem.message);
        const purged = await purge(
          id ? [id] : Object.keys(deleted),
          'Deleted for good: its secret left the keychain and its metadata the vault.',
        );
        return ok({ purged });
      }),
  };
}
