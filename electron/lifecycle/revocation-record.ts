import type { RevokeResult } from '../../shared/contract/revocation-calls.js';
import type { VerifyApi } from '../../shared/contract/verify-calls.js';
import { lastCheckCouldNotTell } from '../../shared/check-verdict.js';
import type { Revocation, TokenRecord } from '../../shared/model.js';
import { ok, type Result } from '../../shared/result.js';
import { recordAudit } from '../audit/audit-log.js';
import { tokenNotFound } from '../not-found.js';
import type { ProviderSession } from '../providers/provider-session.js';
import { redact } from '../redact.js';
import type { ServiceParts } from '../service-parts.js';
import type { Verification } from '../../shared/verification.js';
import { ownSlotsOf, slotOf } from '../vault/token-slots.js';
import { viewToken } from '../vault/token-view.js';
import { byHandHint } from './confirm-hints.js';

/** What revoking works with: the service parts, the provider session, and the verify that confirms. */
export interface RevocationParts {
  parts: ServiceParts;
  session: ProviderSession;
  verify: VerifyApi;
}

/** One line of the audit log about this token's revocation. */
export const auditRevocation = ({ parts }: RevocationParts, record: TokenRecord, detail: string) =>
  recordAudit(parts.store, { event: 'revoked', tokenId: record.id, label: record.label, detail, at: parts.now() });

/** The answer of a revocation call: the token as it stands now, where its revocation is, and what to do. */
export async function revocationResult(
  { parts, session }: RevocationParts,
  id: string,
  state: RevokeResult['state'],
  message: string,
  extra: { instructions?: string[]; needsOtp?: boolean } = {},
): Promise<Result<RevokeResult>> {
  const vault = await parts.store.read();
  const record = vault.tokens[id];
  if (!record) return tokenNotFound(id);
  return ok({
    token: viewToken(record, parts.now(), vault.policy),
    state,
    method: record.revocation?.method ?? 'api',
    message: redact(message),
    instructions: extra.instructions ?? [],
    link: session.manageLink(record),
    needsOtp: extra.needsOtp ?? false,
  });
}

/**
 * An answer that can never show it dead from here: the person, who can see it at the provider, may
 * settle it (a sentence to append); else nothing.
 */
export const settleByHand = (verification: Verification | null, id: string): string =>
  lastCheckCouldNotTell(verification) ? ` If its provider's settings show it revoked, ${byHandHint(id)}.` : '';

/** The token is dead at its provider: the record says so, and its value leaves the keychain. */
export async function markRevoked(rp: RevocationParts, id: string, detail: string, byPerson = false): Promise<void> {
  const { keychain, store, now } = rp.parts;
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
  if (record) auditRevocation(rp, record, `${detail}; its secret left the keychain, its metadata stays as history.`);
}

/** The value a rotation replaced is dead: the record says so and its copy leaves the keychain. */
export async function markPreviousRevoked(
  rp: RevocationParts,
  record: TokenRecord,
  detail: string,
  byPerson = false,
): Promise<void> {
  const { keychain, store, now } = rp.parts;
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
  auditRevocation(rp, record, `${detail}; its copy left the keychain.`);
}

/** The provider refused to revoke it: the revocation is the person's to do by hand now. */
export async function markManual({ parts }: RevocationParts, id: string): Promise<void> {
  await parts.store.update((vault) => {
    const current = vault.tokens[id];
    if (current?.revocation) vault.tokens[id] = { ...current, revocation: { ...current.revocation, method: 'manual' } };
  });
}

/** The provider showed the token alive just before the request that revokes it: kept with the revocation (survives a lost answer). */
export async function noteAliveAtRequest({ parts }: RevocationParts, id: string): Promise<void> {
  await parts.store.update((vault) => {
    const current = vault.tokens[id];
    if (current?.revocation && !current.revocation.confirmedAt)
      vault.tokens[id] = { ...current, revocation: { ...current.revocation, aliveAtRequest: true } };
  });
}
