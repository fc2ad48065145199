import { isoDay } from '../../shared/countdown.js';
import { providerNames, type TokenRecord } from '../../shared/model.js';
import { byHandHint, checkAgainHint, tokensOf } from './confirm-hints.js';

/**
 * Step by step, for a token the person must revoke in the provider's own settings: the token itself
 * (`this`), or the value a rotation replaced (`previous`), which is not the one Lapse now holds.
 * `where`: the place a kind of token is revoked, when it is not the provider's token page (a GitLab
 * deploy token lives in its project's settings).
 */
export function revokeInstructions(
  record: TokenRecord,
  link: string | null,
  canVerify: boolean,
  target: 'this' | 'previous' = 'this',
  where?: string,
): string[] {
  const name = providerNames[record.provider];
  const which =
    target === 'previous'
      ? `Find the token "${record.label}" replaced on ${isoDay(record.lastRotatedAt ?? record.revocation?.requestedAt ?? record.createdAt)} (the older one: not ${record.masked}, which is now current) and revoke or delete it there.`
      : `Find the token "${record.label}" (${record.masked}, added ${isoDay(record.createdAt)}) and revoke or delete it there.`;
  return [
    where
      ? `${where} (signed in as ${record.account ?? "the token's owner"}).`
      : `Open ${link ?? `${name}'s token settings`} and sign in as ${record.account ?? "the token's owner"}.`,
    which,
    canVerify
      ? `Then ${checkAgainHint(record.id)}: Lapse marks it revoked only once a verify shows it dead.`
      : `Lapse cannot verify ${tokensOf(record.provider)}, so it cannot see the revocation: once it is revoked there, ${byHandHint(record.id)}; Lapse records that as your word, not a verify.`,
  ];
}
