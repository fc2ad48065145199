import { randomUUID } from 'node:crypto';
import { secretExposureMs, type AddTokenInput, type VaultApi } from '../../shared/api.js';
import { detectToken, maskSecret } from '../../shared/formats.js';
import type { TokenRecord, TokenView } from '../../shared/model.js';
import type { PolicyOverride } from '../../shared/policy.js';
import { fail, ok } from '../../shared/result.js';
import { byUrgency } from '../../shared/urgency.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import { slotOf } from '../lifecycle/rotation-run.js';
import { viewToken } from '../lifecycle/token-view.js';
import { companionAccount, companionSlots } from '../providers/oauth/companion-slots.js';
import { rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { beginAdd, endAdd } from './add-intents.js';
import { fingerprintOf } from './fingerprint.js';

const notFound = (id: string) => fail('not-found', `No token with id ${id}. List tokens to see the ids.`);
const secretMissing = () =>
  fail(
    'secret-missing',
    'The OS keychain has no entry for this token. Its metadata is kept; if you removed the entry by hand, add the token again or delete this record.',
  );

/** The vault calls: tokens, their metadata and their secrets. */
export function tokenCalls({ keychain, store, now, clipboard }: ServiceParts): VaultApi {
  const view = (record: TokenRecord, policy: PolicyOverride): TokenView => viewToken(record, now(), policy);
  const viewOf = async (record: TokenRecord) => view(record, (await store.read()).policy);

  function newRecord(input: AddTokenInput, secret: string): TokenRecord {
    const detected = detectToken(secret);
    const provider = input.provider ?? detected?.provider ?? 'generic';
    const sameProvider = detected && detected.provider === provider;
    return {
      id: randomUUID(),
      label: input.label.trim(),
      provider,
      kind: input.kind?.trim() || (sameProvider ? detected.kind : provider === 'generic' ? 'API key' : 'token'),
      account: null,
      scopes: input.scopes ?? [],
      // A JWT's own scope claim is what it was granted, not what its purpose needs.
      grantedScopes: sameProvider && detected.scopes ? detected.scopes : null,
      purpose: input.purpose?.trim() ?? '',
      tags: [...new Set(input.tags ?? [])],
      baseUrl: input.baseUrl ?? null,
      createdAt: (sameProvider && detected.issuedAt) || new Date(now()).toISOString(),
      expiresAt: input.expiresAt !== undefined ? input.expiresAt : ((sameProvider && detected.expiresAt) || null),
      lastVerifiedAt: null,
      lastUsedAt: null,
      lastRotatedAt: null,
      revokedAt: null,
      expirySource: input.expiresAt !== undefined ? 'user' : sameProvider && detected.expiresAt ? 'jwt' : 'user',
      verification: null,
      masked: maskSecret(secret, sameProvider ? detected.prefix : ''),
      fingerprint: fingerprintOf(secret),
    };
  }

  return {
    getVaultState: () =>
      guarded(async () => {
        const problem = await keychain.probe();
        const vault = await store.read();
        return ok({
          keychain: {
            available: problem === null,
            backend: keychain.backend,
            problem: problem ? { code: problem.code, message: problem.message } : null,
          },
          home: store.path,
          tokenCount: Object.keys(vault.tokens).length,
          recovery: store.recovery ? { message: store.recovery.message, movedTo: store.recovery.movedTo } : null,
        });
      }),

    listTokens: () =>
      guarded(async () => {
        const vault = await store.read();
        const tokens = Object.values(vault.tokens)
          .map((record) => view(record, vault.policy))
          .sort(byUrgency);
        return ok({ tokens, evaluatedAt: new Date(now()).toISOString() });
      }),

    getToken: ({ id }) =>
      guarded(async () => {
        const vault = await store.read();
        const record = vault.tokens[id];
        return record ? ok(view(record, vault.policy)) : notFound(id);
      }),

    addToken: (input) =>
      guarded(async () => {
        const { secret } = input;
        rememberSecret(secret);
        const record = newRecord(input, secret);
        const twin = Object.values((await store.read()).tokens).find(
          (t) => t.fingerprint === record.fingerprint && t.masked === record.masked,
        );
        if (twin) return fail('invalid-input', `This token is already in Lapse as "${twin.label}".`);
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
        recordAudit(store, { event: 'added', tokenId: record.id, label: record.label, detail: `Added a ${record.provider} ${record.kind} (${record.masked}).`, at: now() });
        return ok(await viewOf(record));
      }),

    editToken: ({ id, changes }) =>
      guarded(async () => {
        const updated = await store.update((vault) => {
          const record = vault.tokens[id];
          if (!record) return null;
          const next: TokenRecord = { ...record };
          for (const [key, value] of Object.entries(changes)) {
            if (value !== undefined) Object.assign(next, { [key]: value });
          }
          if (changes.tags) next.tags = [...new Set(changes.tags)];
          vault.tokens[id] = next;
          return next;
        });
        if (updated) recordAudit(store, { event: 'edited', tokenId: id, label: updated.label, detail: `Changed ${Object.keys(changes).join(', ')}.`, at: now() });
        return updated ? ok(await viewOf(updated)) : notFound(id);
      }),

    deleteToken: ({ id }) =>
      guarded(async () => {
        const doomed = (await store.read()).tokens[id];
        if (!doomed) return notFound(id);
        // Keychain first: if it can't answer, the metadata stays and the user can retry.
        await keychain.delete(id);
        for (const slot of companionSlots) await keychain.delete(companionAccount(id, slot));
        // A rotation in flight holds values too; its journal then ends as abandoned at the next start.
        for (const slot of [slotOf.pending(id), slotOf.pendingRefresh(id), slotOf.previous(id)]) await keychain.delete(slot);
        await store.update((vault) => {
          delete vault.tokens[id];
        });
        recordAudit(store, { event: 'deleted', tokenId: id, label: doomed.label, detail: 'Deleted: its secret left the keychain and its metadata the vault.', at: now() });
        return ok({ id });
      }),

    revealSecret: ({ id }) =>
      guarded(async () => {
        if (!(await store.read()).tokens[id]) return notFound(id);
        const secret = await keychain.get(id);
        if (secret === null) return secretMissing();
        rememberSecret(secret);
        return ok({ secret, hideAfterMs: secretExposureMs });
      }),

    copySecret: ({ id }) =>
      guarded(async () => {
        if (!clipboard) {
          return fail('clipboard-unavailable', 'Lapse has no access to the OS clipboard here; reveal the token and copy it yourself.');
        }
        if (!(await store.read()).tokens[id]) return notFound(id);
        const secret = await keychain.get(id);
        if (secret === null) return secretMissing();
        rememberSecret(secret);
        clipboard.copy(secret);
        return ok({ clearsAfterMs: clipboard.clearAfterMs });
      }),
  };
}
