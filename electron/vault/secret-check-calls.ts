import type { VaultApi } from '../../shared/api.js';
import { fail, ok } from '../../shared/result.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import { viewToken } from './token-view.js';
import { rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { fingerprintOf } from './fingerprint.js';
import { markSecretPresence } from './secret-presence.js';

/** Finding tokens whose keychain entry is gone, and putting a value back. */
export function secretCheckCalls({
  keychain,
  store,
  now,
}: ServiceParts): Pick<VaultApi, 'checkSecrets' | 'restoreSecret'> {
  return {
    checkSecrets: () =>
      guarded(async () => {
        const problem = await keychain.probe();
        if (problem) return fail(problem.code, problem.message);
        const live = Object.values((await store.read()).tokens).filter((r) => !r.revokedAt);
        let present: Set<string>;
        if (keychain.accounts) {
          present = await keychain.accounts();
        } else {
          present = new Set();
          for (const record of live) if ((await keychain.get(record.id)) !== null) present.add(record.id);
        }
        const missing = live.filter((r) => !present.has(r.id)).map((r) => r.id);
        const changed = await markSecretPresence(
          store,
          { missing, present: live.filter((r) => present.has(r.id)).map((r) => r.id) },
          now(),
        );
        return ok({ missing, checked: live.length, changed });
      }),

    restoreSecret: ({ id, secret }) =>
      guarded(async () => {
        rememberSecret(secret);
        const record = (await store.read()).tokens[id];
        if (!record) return fail('not-found', `No token with id ${id}. List tokens to see the ids.`);
        // Only the very value the record describes: anything else is a rotation, not a restore.
        if (fingerprintOf(secret) !== record.fingerprint) {
          return fail(
            'invalid-input',
            `That is not this token's value (its fingerprint is ${record.fingerprint}). To replace the value with a new token, rotate it instead.`,
          );
        }
        const problem = await keychain.probe();
        if (problem) return fail(problem.code, problem.message);
        await keychain.set(id, secret);
        await markSecretPresence(store, { present: [id] }, now());
        recordAudit(store, {
          event: 'restored',
          tokenId: id,
          label: record.label,
          detail: `Its value (${record.masked}) is back in the OS keychain.`,
          at: now(),
        });
        const vault = await store.read();
        const after = vault.tokens[id];
        return after ? ok(viewToken(after, now(), vault.policy)) : fail('not-found', `No token with id ${id}.`);
      }),
  };
}
