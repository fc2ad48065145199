import { randomUUID } from 'node:crypto';
import { secretExposureMs, type AddTokenInput, type VaultApi } from '../../shared/api.js';
import { detectToken, maskSecret } from '../../shared/formats.js';
import type { TokenRecord, TokenView } from '../../shared/model.js';
import type { PolicyOverride } from '../../shared/policy.js';
import { fail, ok } from '../../shared/result.js';
import { byUrgency } from '../../shared/urgency.js';
import { recordAudit } from '../audit/audit-log.js';
import { guarded } from '../guarded.js';
import { rotationSlotsOf } from './token-slots.js';
import { viewToken } from './token-view.js';
import { rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { beginAdd, endAdd } from './add-intents.js';
import { deletedKeepDays } from '../../shared/contract/vault-calls.js';
import { providerNames } from '../../shared/model.js';
import { kindPhrase, withArticle } from '../../shared/token-words.js';
import { fingerprintOf } from './fingerprint.js';
import { deletedCalls } from './deleted-calls.js';
import { secretCheckCalls } from './secret-check-calls.js';
import { markSecretsMissing, secretMissingMessage } from './secret-presence.js';
import { tokenNotFound } from '../not-found.js';

/** The vault calls: tokens, their metadata and their secrets. */
export function tokenCalls(parts: ServiceParts): VaultApi {
  const { keychain, store, now, clipboard } = parts;
  const view = (record: TokenRecord, policy: PolicyOverride): TokenView => viewToken(record, now(), policy);
  const viewOf = async (record: TokenRecord) => view(record, (await store.read()).policy);
  const secretMissing = async (id: string) => {
    await markSecretsMissing(store, [id], now());
    return fail('secret-missing', secretMissingMessage);
  };

  function newRecord(input: AddTokenInput, secret: string): TokenRecord {
    const detected = detectToken(secret);
    const provider = input.provider ?? detected?.provider ?? 'generic';
    const sameProvider = detected && detected.provider === provider;
    const fromToken = (sameProvider && detected.expiresAt) || null;
    const added = new Date(now()).toISOString();
    // Not given: the token's own expiry (a JWT's exp) if it has one, else unknown — never a silent "never".
    const expiresAt = input.expiresAt === undefined || input.expiresAt === 'unknown' ? fromToken : input.expiresAt;
    const unknown = expiresAt === null && input.expiresAt !== null;
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
      // The token's own issue time where it has one (its age); addedAt is when Lapse got it.
      createdAt: (sameProvider && detected.issuedAt) || added,
      addedAt: added,
      expiresAt,
      ...(unknown ? { expiryUnknown: true as const } : {}),
      lastVerifiedAt: null,
      lastUsedAt: null,
      lastRotatedAt: null,
      revokedAt: null,
      // The JWT's exp, whether the form passed it back or it was left to Lapse to read.
      expirySource:
        fromToken !== null && expiresAt !== null && Date.parse(expiresAt) === Date.parse(fromToken) ? 'jwt' : 'user',
      verification: null,
      masked: maskSecret(secret, sameProvider ? detected.prefix : ''),
      fingerprint: fingerprintOf(secret),
    };
  }

  return {
    ...secretCheckCalls(parts),
    ...deletedCalls(parts),
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
        return record ? ok(view(record, vault.policy)) : tokenNotFound(id);
      }),

    addToken: (input) =>
      guarded(async () => {
        const { secret } = input;
        rememberSecret(secret);
        const record = newRecord(input, secret);
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
          if (changes.expiresAt !== undefined) {
            // A person said when it expires (or that it never does, or that nobody knows); the same
            // answer sent back by a form (which sends every field) keeps where it came from.
            const unknown = changes.expiresAt === 'unknown';
            const at = unknown ? null : changes.expiresAt;
            const same = unknown
              ? record.expiresAt === null && record.expiryUnknown === true
              : at === null
                ? record.expiresAt === null && !record.expiryUnknown
                : record.expiresAt !== null && Date.parse(record.expiresAt) === Date.parse(at);
            next.expiresAt = at;
            if (!same) next.expirySource = 'user';
            if (unknown) next.expiryUnknown = true;
            else delete next.expiryUnknown;
          }
          vault.tokens[id] = next;
          return next;
        });
        if (updated)
          recordAudit(store, {
            event: 'edited',
            tokenId: id,
            label: updated.label,
            detail: `Changed ${Object.keys(changes).join(', ')}.`,
            at: now(),
          });
        return updated ? ok(await viewOf(updated)) : tokenNotFound(id);
      }),

    deleteToken: ({ id }) =>
      guarded(async () => {
        const doomed = (await store.read()).tokens[id];
        if (!doomed) return tokenNotFound(id);
        // A rotation in flight holds values too; its journal then ends as abandoned at the next start.
        // The token's own entry and its companions stay: Recently deleted can still restore them.
        const problem = await keychain.probe();
        if (!problem) for (const slot of rotationSlotsOf(id)) await keychain.delete(slot);
        const deletedAt = new Date(now()).toISOString();
        await store.update((vault) => {
          const record = vault.tokens[id];
          if (!record) return;
          delete vault.tokens[id];
          vault.deleted[id] = { record, deletedAt };
        });
        recordAudit(store, {
          event: 'deleted',
          tokenId: id,
          label: doomed.label,
          detail: `Moved to Recently deleted, restorable for ${deletedKeepDays} days; it still works at ${providerNames[doomed.provider]} until it is revoked there.`,
          at: now(),
        });
        return ok({ id });
      }),

    revealSecret: ({ id }) =>
      guarded(async () => {
        if (!(await store.read()).tokens[id]) return tokenNotFound(id);
        const secret = await keychain.get(id);
        if (secret === null) return secretMissing(id);
        rememberSecret(secret);
        return ok({ secret, hideAfterMs: secretExposureMs });
      }),

    copySecret: ({ id }) =>
      guarded(async () => {
        if (!clipboard) {
          return fail(
            'clipboard-unavailable',
            'Lapse has no access to the OS clipboard here; reveal the token and copy it yourself.',
          );
        }
        if (!(await store.read()).tokens[id]) return tokenNotFound(id);
        const secret = await keychain.get(id);
        if (secret === null) return secretMissing(id);
        rememberSecret(secret);
        clipboard.copy(secret);
        return ok({ clearsAfterMs: clipboard.clearAfterMs });
      }),
  };
}
