import type { RevokeResult } from '../../shared/contract/revocation-calls.js';
import type { VerifyApi } from '../../shared/contract/verify-calls.js';
import { providerNames, type Revocation, type TokenRecord } from '../../shared/model.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { lastCheckCouldNotTell } from '../../shared/check-verdict.js';
import { recordAudit } from '../audit/audit-log.js';
import { markSecretsMissing } from '../vault/secret-presence.js';
import { ownSlotsOf, slotOf } from '../vault/token-slots.js';
import type { RevocationCheck } from '../providers/provider.js';
import { faultClause, TransientFault } from '../providers/transient-fault.js';
import { redact, rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import { byHandHint, checkAgainHint, tokensOf } from './confirm-hints.js';
import type { ProviderSession } from '../providers/provider-session.js';
import { revokeInstructions } from './revoke-instructions.js';
import { viewToken } from '../vault/token-view.js';
import { tokenNotFound } from '../not-found.js';

export interface Revoker {
  /** `otp`: the one-time code the person gave, where the provider asked for one (npm under two-factor auth). */
  revoke(id: string, otp?: string): Promise<Result<RevokeResult>>;
  /**
   * Revoke many: where a provider takes a list (GitHub's /credentials/revoke, up to 1,000 tokens a
   * request and 60 requests an hour per address), one request for the lot, then a verify of each;
   * the rest one by one. Every id gets its answer.
   */
  revokeMany(ids: string[]): Promise<Map<string, Result<RevokeResult>>>;
  /** `byHand`: the person says they revoked it; accepted only where Lapse cannot verify (or has nothing left to verify). */
  confirm(id: string, byHand?: boolean): Promise<Result<RevokeResult>>;
}

/**
 * Revoke, then confirm: asking is not enough, only a verify that shows the token dead marks it
 * revoked (and moves its secret out of the keychain). Every fault leaves it revocation-pending.
 */
export function revoker(parts: ServiceParts, session: ProviderSession, verify: VerifyApi): Revoker {
  const { keychain, store, now } = parts;
  const audit = (record: TokenRecord, detail: string) =>
    recordAudit(store, { event: 'revoked', tokenId: record.id, label: record.label, detail, at: now() });

  async function result(
    id: string,
    state: RevokeResult['state'],
    message: string,
    extra: { instructions?: string[]; needsOtp?: boolean } = {},
  ): Promise<Result<RevokeResult>> {
    const vault = await store.read();
    const record = vault.tokens[id];
    if (!record) return tokenNotFound(id);
    return ok({
      token: viewToken(record, now(), vault.policy),
      state,
      method: record.revocation?.method ?? 'api',
      message: redact(message),
      instructions: extra.instructions ?? [],
      link: session.manageLink(record),
      needsOtp: extra.needsOtp ?? false,
    });
  }

  async function markRevoked(id: string, detail: string, byPerson = false): Promise<void> {
    const at = new Date(now()).toISOString();
    const record = await store.update((vault) => {
      const current = vault.tokens[id];
      if (!current) return null;
      const confirmed: Revocation =
        current.revocation?.target === 'this'
          ? { ...current.revocation, confirmedAt: at }
          : { requestedAt: at, confirmedAt: at, method: 'manual', target: 'this' };
      const revocation: Revocation = byPerson ? { ...confirmed, byPerson: true } : confirmed;
      vault.tokens[id] = { ...current, revokedAt: at, revocation };
      return current;
    });
    // Dead at the provider: its value has no reason to stay anywhere.
    for (const account of ownSlotsOf(id)) await keychain.delete(account);
    if (record) audit(record, `${detail}; its secret left the keychain, its metadata stays as history.`);
  }

  /** The value a rotation replaced is dead: the record says so and its copy leaves the keychain. */
  async function markPreviousRevoked(record: TokenRecord, detail: string, byPerson = false): Promise<void> {
    const at = new Date(now()).toISOString();
    await store.update((vault) => {
      const current = vault.tokens[record.id];
      if (current?.revocation)
        vault.tokens[record.id] = {
          ...current,
          revocation: { ...current.revocation, confirmedAt: at, ...(byPerson ? { byPerson: true } : {}) },
        };
    });
    await keychain.delete(slotOf.previous(record.id));
    audit(record, `${detail}; its copy left the keychain.`);
  }

  async function confirmPrevious(record: TokenRecord, canVerify: boolean): Promise<Result<RevokeResult>> {
    const { id } = record;
    const instructions =
      record.revocation?.method === 'manual'
        ? revokeInstructions(record, session.manageLink(record), canVerify, 'previous')
        : [];
    const previous = await keychain.get(slotOf.previous(id));
    if (!canVerify || previous === null) {
      const why = canVerify
        ? 'Lapse no longer holds the value this token replaced, so it cannot check it'
        : `Lapse cannot verify ${tokensOf(record.provider)}, so it cannot see whether the value this token replaced is dead`;
      return result(id, 'pending', `${why}. Revoke it by hand, then ${byHandHint(id)}.`, {
        instructions: instructions.length
          ? instructions
          : revokeInstructions(record, session.manageLink(record), false, 'previous'),
      });
    }
    rememberSecret(previous);
    const checked = await session.checkRevoked(record, previous);
    if (checked.verdict === 'dead') {
      await markPreviousRevoked(
        record,
        `The value this token replaced is confirmed dead (${faultClause(checked.message)})`,
      );
      return result(id, 'revoked', `The value this token replaced is confirmed dead: ${checked.message}`);
    }
    const live =
      checked.verdict === 'alive'
        ? 'is still live: its provider still accepts it'
        : `may still be live: its provider's answer does not show it dead (${faultClause(checked.message)})`;
    return result(
      id,
      'pending',
      `The value this token replaced ${live}. It stays revocation-pending until its provider shows it dead.`,
      { instructions },
    );
  }

  /** The person says it is revoked: recorded as their word, not a verify, and only where a verify cannot settle it. */
  async function confirmByHand(given: TokenRecord, canVerify: boolean): Promise<Result<RevokeResult>> {
    let record = given;
    const { id } = record;
    const previousPending = record.revocation?.target === 'previous' && !record.revocation.confirmedAt;
    const nothingToVerify = previousPending && (await keychain.get(slotOf.previous(id))) === null;
    if (canVerify && !nothingToVerify) {
      const refusal = `Lapse can verify ${tokensOf(record.provider)}, so only a verify that shows it dead confirms a revocation: once it is revoked, ${checkAgainHint(id)}.`;
      if (previousPending) return fail('invalid-input', refusal);
      // The person's word counts only where a check, made now, can never show it dead from here.
      const checked = await confirm(id);
      if (!checked.ok || checked.value.state === 'revoked') return checked;
      const now = (await store.read()).tokens[id];
      if (!now || !lastCheckCouldNotTell(now.verification)) {
        return fail(
          'invalid-input',
          now?.verification?.outcome === 'valid'
            ? `Its provider still accepts it (${faultClause(now.verification.message)}), so it is not revoked. ${refusal}`
            : refusal,
        );
      }
      record = now;
    }
    const unverified = !canVerify
      ? `Lapse cannot verify ${tokensOf(record.provider)}`
      : nothingToVerify
        ? 'Lapse no longer holds that value to verify'
        : `its provider's last answer could not show it dead: ${faultClause(record.verification?.message ?? '')}`;
    if (previousPending) {
      await markPreviousRevoked(
        record,
        `The value this token replaced: revocation confirmed by the person, not verified (${unverified})`,
        true,
      );
      return result(
        id,
        'revoked',
        `Recorded: you revoked the value this token replaced (your word; ${unverified}). Its copy left the keychain; the current value is untouched.`,
      );
    }
    await markRevoked(id, `Revocation confirmed by the person, not verified (${unverified})`, true);
    await keychain.delete(slotOf.previous(id));
    return result(
      id,
      'revoked',
      `Recorded: you revoked it (your word; ${unverified}). Its secret left the keychain; its metadata stays as history.`,
    );
  }

  /** Whether Lapse can see this token dead at its provider: an adapter, and a kind of token the provider answers for. */
  async function judgeable(record: TokenRecord): Promise<boolean> {
    if (!session.adapterOf(record)) return false;
    const secret = await keychain.get(record.id);
    return secret === null || (session.tokenType(record, secret)?.verifiable ?? false);
  }

  async function confirm(id: string, byHand = false): Promise<Result<RevokeResult>> {
    const record = (await store.read()).tokens[id];
    if (!record) return tokenNotFound(id);
    if (record.revokedAt) return result(id, 'revoked', 'Already revoked and confirmed dead.');
    const canVerify = await judgeable(record);
    if (byHand) return confirmByHand(record, canVerify);
    // A rotation's old value: that is what to check, not the current one.
    if (record.revocation?.target === 'previous' && !record.revocation.confirmedAt)
      return confirmPrevious(record, canVerify);
    const instructions =
      record.revocation?.method === 'manual'
        ? revokeInstructions(record, session.manageLink(record), canVerify, 'this', await byHandWhere(record))
        : [];
    if (!canVerify)
      return result(
        id,
        'pending',
        `Lapse cannot verify ${await kindOf(record)}, so it cannot confirm the revocation: the token may still be live.${instructions.length ? '' : ` Once you have revoked it, ${byHandHint(id)}.`}`,
        { instructions },
      );
    const checked = await verify.verifyToken({ id });
    if (!checked.ok) return checked;
    const { outcome, message, token } = checked.value;
    const verdict: RevocationCheck['verdict'] =
      outcome === 'valid'
        ? 'alive'
        : outcome === 'rejected' && token.verification?.dead === true
          ? 'dead'
          : 'cannot-tell';
    if (verdict === 'dead') {
      await markRevoked(id, `Confirmed dead (${faultClause(message)})`);
      return result(id, 'revoked', `Revoked: ${message}`);
    }
    const said = message;
    const why =
      verdict === 'alive'
        ? 'Old token still live: its provider still accepts it'
        : `The token may still be live: its provider's answer does not show it dead (${faultClause(said)})`;
    // An answer that can never show it dead from here: the person, who can see it at the provider, may settle it.
    const settle =
      verdict === 'cannot-tell' && lastCheckCouldNotTell(token.verification)
        ? ` If its provider's settings show it revoked, ${byHandHint(id)}.`
        : '';
    return result(id, 'pending', `${why}. It stays revocation-pending until its provider shows it dead.${settle}`, {
      instructions,
    });
  }

  /** The provider's name for this kind of token, for "Lapse cannot verify …". */
  async function kindOf(record: TokenRecord): Promise<string> {
    const secret = session.adapterOf(record) ? await keychain.get(record.id) : null;
    const type = secret === null ? null : session.tokenType(record, secret);
    return type && !type.verifiable ? `${providerNames[record.provider]} ${type.name}s` : tokensOf(record.provider);
  }

  /** Where this kind of token is revoked by hand, when its adapter knows a better place than the token page. */
  async function byHandWhere(record: TokenRecord): Promise<string | undefined> {
    const secret = session.adapterOf(record) ? await keychain.get(record.id) : null;
    return (secret === null ? null : session.tokenType(record, secret))?.byHand;
  }

  /**
   * The revocation got no usable answer, yet the request may have reached the provider and been
   * acted on: a verify that shows the token dead settles it. Asked only when nothing says to wait
   * (turned away for a rate limit, or its host inside a window): that verify could not run now.
   */
  async function afterFault(record: TokenRecord, fault: TransientFault): Promise<Result<RevokeResult>> {
    const { id } = record;
    const said = faultClause(fault.message);
    const again = 'Revoke it again later; it stays revocation-pending until a verify shows it dead.';
    audit(record, `Revocation requested, but no usable answer came from the provider (${said}).`);
    const secret = await keychain.get(record.id);
    // The gate keeps the wall clock (the service's `now` may be a --now for lifecycle rules).
    if (fault.rateLimited || session.options.gate.openAt(session.gateKeyOf(record, secret), Date.now()))
      return result(
        id,
        'pending',
        `The revocation got no usable answer (${said}); the token may still be live. ${again}`,
      );
    const confirmed = await confirm(id);
    if (!confirmed.ok || confirmed.value.state === 'revoked') return confirmed;
    const live =
      confirmed.value.token.verification?.outcome === 'valid'
        ? 'a verify shows the token still live'
        : 'the token may still be live';
    const settle = lastCheckCouldNotTell(confirmed.value.token.verification)
      ? ` If its provider's settings show it revoked, ${byHandHint(id)}.`
      : '';
    return result(id, 'pending', `The revocation got no usable answer (${said}), and ${live}. ${again}${settle}`, {
      instructions: confirmed.value.instructions,
    });
  }

  /** The provider showed the token alive just before the request that revokes it: kept with the revocation (survives a lost answer). */
  async function noteAliveAtRequest(id: string): Promise<void> {
    await store.update((vault) => {
      const current = vault.tokens[id];
      if (current?.revocation && !current.revocation.confirmedAt)
        vault.tokens[id] = { ...current, revocation: { ...current.revocation, aliveAtRequest: true } };
    });
  }

  async function revoke(id: string, otp?: string): Promise<Result<RevokeResult>> {
    const record = (await store.read()).tokens[id];
    if (!record) return tokenNotFound(id);
    if (record.revokedAt) return result(id, 'revoked', 'Already revoked and confirmed dead.');
    const adapter = session.adapterOf(record);
    const secret = await keychain.get(id);
    if (secret === null) {
      await markSecretsMissing(store, [id], now());
      return fail(
        'secret-missing',
        "The OS keychain has no entry for this token, so Lapse can neither revoke nor verify it. Revoke it in the provider's settings, then delete it here.",
      );
    }
    rememberSecret(secret);
    const type = session.tokenType(record, secret);
    const method: Revocation['method'] =
      adapter?.revoke && type?.revocable && session.baseUrlOf(record) ? 'api' : 'manual';
    const requested: Revocation = {
      requestedAt: new Date(now()).toISOString(),
      confirmedAt: null,
      method,
      target: 'this',
    };
    await store.update((vault) => {
      const current = vault.tokens[id];
      // Asked again (a one-time code, a retry): what the provider showed the first time still counts.
      if (current)
        vault.tokens[id] = {
          ...current,
          revocation: {
            ...requested,
            ...(current.revocation?.aliveAtRequest && !current.revocation.confirmedAt ? { aliveAtRequest: true } : {}),
          },
        };
    });
    if (method === 'manual' || !adapter?.revoke) {
      const how =
        type && !type.revocable && adapter?.revoke
          ? `by hand: ${providerNames[record.provider]} has no revocation API for ${type.name}s`
          : "by hand in the provider's settings (no revocation API)";
      audit(record, `Revocation to be done ${how}; it counts once a verify shows the token dead, or you confirm it.`);
      return confirm(id);
    }
    try {
      const said = await adapter.revoke({
        ...session.contextFor(record, secret),
        ...(otp ? { otp } : {}),
        sawAlive: () => noteAliveAtRequest(id),
      });
      if (said.outcome === 'needs-otp') {
        audit(record, `Revocation not sent: ${said.message}`);
        return result(id, 'pending', said.message, { needsOtp: true });
      }
      if (said.outcome === 'refused') {
        await store.update((vault) => {
          const current = vault.tokens[id];
          if (current?.revocation)
            vault.tokens[id] = { ...current, revocation: { ...current.revocation, method: 'manual' } };
        });
        audit(record, `Revocation refused by the provider: ${said.message}`);
        const after = await confirm(id);
        if (after.ok && after.value.state === 'pending')
          return result(id, 'pending', `${said.message} The token is still live: revoke it by hand.`, {
            instructions: after.value.instructions,
          });
        return after;
      }
      audit(
        record,
        `Revocation requested by API; the provider accepted it${said.note ? ` (${faultClause(said.note)})` : ''}.`,
      );
    } catch (error) {
      if (!(error instanceof TransientFault)) throw error;
      return afterFault(record, error);
    }
    return confirm(id);
  }

  /** Tokens one batch request may carry: same provider and base URL, live, their values at hand, revocable by API. */
  async function batchable(
    id: string,
  ): Promise<{ record: TokenRecord; secret: string; key: string; max: number } | null> {
    const record = (await store.read()).tokens[id];
    if (!record || record.revokedAt || record.revocation?.target === 'previous') return null;
    const adapter = session.adapterOf(record);
    const baseUrl = session.baseUrlOf(record);
    if (!adapter?.revokeBatch || !baseUrl || !adapter.revokeBatch.appliesTo(baseUrl)) return null;
    const secret = await keychain.get(id);
    if (secret === null || !(session.tokenType(record, secret)?.revocable ?? false)) return null;
    return { record, secret, key: `${record.provider} ${baseUrl}`, max: adapter.revokeBatch.max };
  }

  async function revokeBatch(
    members: { record: TokenRecord; secret: string }[],
  ): Promise<Map<string, Result<RevokeResult>>> {
    const results = new Map<string, Result<RevokeResult>>();
    const [first] = members;
    const batch = first ? session.adapterOf(first.record)?.revokeBatch : undefined;
    if (!first || !batch) return results;
    const requestedAt = new Date(now()).toISOString();
    await store.update((vault) => {
      for (const { record } of members) {
        const current = vault.tokens[record.id];
        if (current)
          vault.tokens[record.id] = {
            ...current,
            revocation: { requestedAt, confirmedAt: null, method: 'api', target: 'this' },
          };
      }
    });
    members.forEach(({ secret }) => rememberSecret(secret));
    let said: Awaited<ReturnType<typeof batch.revoke>>;
    try {
      said = await batch.revoke(
        session.contextFor(first.record, first.secret).http,
        members.map((m) => m.secret),
      );
    } catch (error) {
      if (!(error instanceof TransientFault)) throw error;
      for (const { record } of members) results.set(record.id, await afterFault(record, error));
      return results;
    }
    for (const { record } of members) {
      if (said.outcome === 'accepted') {
        audit(
          record,
          `Revocation requested by API with ${members.length - 1} other token${members.length === 2 ? '' : 's'} in one request; the provider accepted it${said.note ? ` (${faultClause(said.note)})` : ''}.`,
        );
        results.set(record.id, await confirm(record.id));
        continue;
      }
      await store.update((vault) => {
        const current = vault.tokens[record.id];
        if (current?.revocation)
          vault.tokens[record.id] = { ...current, revocation: { ...current.revocation, method: 'manual' } };
      });
      audit(record, `Revocation refused by the provider: ${said.message}`);
      const after = await confirm(record.id);
      results.set(
        record.id,
        after.ok && after.value.state === 'pending'
          ? await result(record.id, 'pending', `${said.message} The token is still live: revoke it by hand.`, {
              instructions: after.value.instructions,
            })
          : after,
      );
    }
    return results;
  }

  async function revokeMany(ids: string[]): Promise<Map<string, Result<RevokeResult>>> {
    const results = new Map<string, Result<RevokeResult>>();
    const groups = new Map<string, { record: TokenRecord; secret: string }[][]>();
    const single: string[] = [];
    for (const id of ids) {
      const found = await batchable(id);
      if (!found) {
        single.push(id);
        continue;
      }
      const chunks = groups.get(found.key) ?? [[]];
      if ((chunks.at(-1)?.length ?? 0) >= found.max) chunks.push([]);
      chunks.at(-1)?.push({ record: found.record, secret: found.secret });
      groups.set(found.key, chunks);
    }
    for (const chunks of groups.values()) {
      for (const members of chunks) {
        // One alone is one request either way: the single path says it in its own words.
        if (members.length === 1 && members[0]) single.push(members[0].record.id);
        else for (const [id, answer] of await revokeBatch(members)) results.set(id, answer);
      }
    }
    for (const id of single) results.set(id, await revoke(id));
    return results;
  }

  return { revoke, confirm, revokeMany };
}
