import type { VaultApi } from '../../shared/api.js';
import { fail, ok } from '../../shared/result.js';
import { kindPhrase, withArticle } from '../../shared/token-words.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import { rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { beginAdd, endAdd } from './add-intents.js';
import { newTokenRecord } from './new-token-record.js';
import { viewToken } from './token-view.js';

/** Add a token: its secret in the keychain and its record in the metadata file, both or neither. */
export function addTokenCall({ keychain, store, now }: ServiceParts): VaultApi['addToken'] {
  return (input) =>
    guarded(async () => {
      const { secret } = input;
      rememberSecret(secret);
      const record = newTokenRecord(input, secret, now());
      const twin = Object.values((await store.read()).tokens).find(
        (t) => t.fingerprint === record.fingerprint && t.masked === record.masked,
      );
      if (twin) return fail('already-exists', `This token is already in Lapse as "${twin.label}".`);
      const problem = await keychain.probe();
      if (problem) return fail(problem.code, problem.message);
      // The intent first: a process killed after the keychain write leaves an entry the next start removes.
      beginAdd(store, record.id, now());
      try {
        await keychain.set(record.id, secret);
        await store.update((vault) => {
          vault.tokens[record.id] = record;
        });
      } catch (error) {
        // Nothing half-saved: without its metadata the keychain entry would be an orphan.
        await keychain.delete(record.id).catch(() => undefined);
        throw error;
      } finally {
        endAdd(store, record.id);
      }
      recordAudit(store, {
        event: 'added',
        tokenId: record.id,
        label: record.label,
        detail: `Added ${withArticle(kindPhrase(record.provider, record.kind))} (${record.masked}).`,
        at: now(),
      });
      const { policy } = await store.read();
      return ok(viewToken(record, now(), policy));
    });
}
