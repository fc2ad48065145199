import type { RevokeResult } from '../../shared/contract/revocation-calls.js';
import type { VerifyApi } from '../../shared/contract/verify-calls.js';
import type { Revocation, TokenRecord } from '../../shared/model.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { recordAudit } from '../audit/audit-log.js';
import { companionAccount, companionSlots } from '../providers/oauth/companion-slots.js';
import { TransientFault } from '../providers/transient-fault.js';
import { redact, rememberSecret } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import type { ProviderSession } from './provider-session.js';
import { revokeInstructions } from './revoke-instructions.js';
import { viewToken } from './token-view.js';

const notFound = (id: string) => fail('not-found', `No token with id ${id}. List tokens to see the ids.`);

export interface Revoker {
  revoke(id: string): Promise<Result<RevokeResult>>;
  confirm(id: string): Promise<Result<RevokeResult>>;
}

/**
 * Revoke, then confirm: asking is not enough, only a verify that shows the token dead marks it
 * revoked (and moves its secret out of the keychain). Every fault leaves it revocation-pending.
 */
export function revoker(parts: ServiceParts, session: ProviderSession, verify: VerifyApi): Revoker {
  const { keychain, store, now } = parts;
  const audit = (record: TokenRecord, detail: string) => recordAudit(store, { event: 'revoked', tokenId: record.id, label: record.label, detail, at: now() });

  async function result(id: string, state: RevokeResult['state'], message: string, extra: { instructions?: string[] } = {}): Promise<Result<RevokeResult>> {
    const vault = await store.read();
    const record = vault.tokens[id];
    if (!record) return notFound(id);
    return ok({
      token: viewToken(record, now(), vault.policy),
      state,
      method: record.revocation?.method ?? 'api',
      message: redact(message),
      instructions: extra.instructions ?? [],
      link: session.manageLink(record),
    });
  }

  async function markRevoked(id: string, evidence: string): Promise<void> {
    const at = new Date(now()).toISOString();
    const record = await store.update((vault) => {
      const current = vault.tokens[id];
      if (!current) return null;
      const revocation: Revocation = current.revocation ? { ...current.revocation, confirmedAt: at } : { requestedAt: at, confirmedAt: at, method: 'manual', target: 'this' };
      vault.tokens[id] = { ...current, revokedAt: at, revocation };
      return current;
    });
    // Dead at the provider: its value has no reason to stay anywhere.
    await keychain.delete(id);
    for (const slot of companionSlots) await keychain.delete(companionAccount(id, slot));
    if (record) audit(record, `Confirmed dead (${evidence}); its secret left the keychain, its metadata stays as history.`);
  }

  async function confirm(id: string): Promise<Result<RevokeResult>> {
    const record = (await store.read()).tokens[id];
    if (!record) return notFound(id);
    if (record.revokedAt) return result(id, 'revoked', 'Already revoked and confirmed dead.');
    const canVerify = session.adapterOf(record) !== null;
    const instructions = record.revocation?.method === 'manual' ? revokeInstructions(record, session.manageLink(record), canVerify) : [];
    if (!canVerify) return result(id, 'pending', 'Lapse cannot verify this provider\'s tokens, so it cannot confirm the revocation: the old token may still be live.', { instructions });
    const checked = await verify.verifyToken({ id });
    if (!checked.ok) return checked;
    const { outcome, message, token } = checked.value;
    if (outcome === 'rejected' && token.verification?.reason !== 'wrong-account') {
      await markRevoked(id, message);
      return result(id, 'revoked', `Revoked: ${message}`);
    }
    const why = outcome === 'valid' ? 'its provider still accepts it' : `it could not be checked (${message})`;
    return result(id, 'pending', `Old token still live: ${why}. It stays revocation-pending until a verify shows it dead.`, { instructions });
  }

  async function revoke(id: string): Promise<Result<RevokeResult>> {
    const record = (await store.read()).tokens[id];
    if (!record) return notFound(id);
    if (record.revokedAt) return result(id, 'revoked', 'Already revoked and confirmed dead.');
    const adapter = session.adapterOf(record);
    const secret = await keychain.get(id);
    if (secret === null) return fail('secret-missing', 'The OS keychain has no entry for this token, so Lapse can neither revoke nor verify it. Revoke it in the provider\'s settings, then delete it here.');
    rememberSecret(secret);
    const method: Revocation['method'] = adapter?.revoke && session.baseUrlOf(record) ? 'api' : 'manual';
    const requested: Revocation = { requestedAt: new Date(now()).toISOString(), confirmedAt: null, method, target: 'this' };
    await store.update((vault) => {
      const current = vault.tokens[id];
      if (current) vault.tokens[id] = { ...current, revocation: requested };
    });
    if (method === 'manual' || !adapter?.revoke) {
      audit(record, 'Revocation requested: by hand in the provider\'s settings (no revocation API).');
      return confirm(id);
    }
    try {
      const said = await adapter.revoke(session.contextFor(record, secret));
      if (said.outcome === 'refused') {
        await store.update((vault) => {
          const current = vault.tokens[id];
          if (current?.revocation) vault.tokens[id] = { ...current, revocation: { ...current.revocation, method: 'manual' } };
        });
        audit(record, `Revocation refused by the provider: ${said.message}`);
        const after = await confirm(id);
        if (after.ok && after.value.state === 'pending') return result(id, 'pending', `${said.message} The token is still live: revoke it by hand.`, { instructions: after.value.instructions });
        return after;
      }
    } catch (error) {
      if (!(error instanceof TransientFault)) throw error;
      audit(record, `Revocation requested, but the provider could not be reached (${error.message}).`);
      return result(id, 'pending', `The provider could not be asked (${error.message}); the old token is still live. Try \`lapse revoke ${id}\` again later.`);
    }
    audit(record, 'Revocation requested by API; the provider accepted it.');
    return confirm(id);
  }

  return { revoke, confirm };
}
