import { CannotAskProvider } from '../oauth/cannot-ask-provider.js';
import type { InventoryCapability, InventoryListing, RevokeOutcome } from '../provider.js';
import { unexpectedAnswer } from '../provider-answer.js';
import { npmAuthHeaders, npmCannotTell, npmUnauthorized } from './answers.js';
import { npmKeyOf, npmTokenList } from './token-list.js';

/**
 * The user's tokens from the token list (npm/registry docs/user/authentication.md, "Token List"):
 * created, updated, read-only, CIDR, and the sha512 `key` that names each. npm reports no last use.
 */
async function listNpmInventory(ctx: Parameters<InventoryCapability['list']>[0]): Promise<InventoryListing> {
  const listing = await npmTokenList(ctx.http, ctx.secret);
  if (listing.kind === 'unavailable')
    return { kind: 'cannot', why: `npm's token list could not be read (${listing.why.replace(/\.$/, '')})` };
  if (listing.kind === 'refused') {
    const why =
      listing.why && listing.why !== 'rejected'
        ? npmCannotTell[listing.why]
        : listing.status === 403
          ? 'this token may not read the token list'
          : 'npm does not accept this token';
    return { kind: 'cannot', why };
  }
  return {
    kind: 'listed',
    listerRef: npmKeyOf(ctx.secret),
    entries: listing.tokens.map((t) => ({
      ref: t.key,
      name: null,
      shown: t.shown,
      createdAt: t.created,
      scopes: null,
      state: 'active' as const,
      readOnly: t.readonly,
      cidr: t.cidr,
    })),
  };
}

/** `DELETE /-/npm/v1/tokens/token/{key}`, with the one-time code under two-factor auth-and-writes. */
async function revokeNpmListed(ctx: Parameters<InventoryCapability['revoke']>[0], ref: string): Promise<RevokeOutcome> {
  if (!/^[0-9a-f]{128}$/.test(ref)) return { outcome: 'refused', message: 'That is not the key npm lists a token by.' };
  const answer = await ctx.http.request({
    method: 'DELETE',
    path: `/-/npm/v1/tokens/token/${ref}`,
    headers: npmAuthHeaders(ctx.secret, ctx.otp),
    retry: true,
  });
  if (answer.status === 204 || answer.status === 200 || answer.status === 404) return { outcome: 'accepted' };
  if (answer.status === 401) {
    const why = npmUnauthorized(answer);
    if (why === 'otp')
      return {
        outcome: 'needs-otp',
        message: ctx.otp
          ? 'npm did not accept that one-time code (it may have expired): give the current code from your authenticator.'
          : 'npm wants a one-time code from your authenticator to delete a token (two-factor authentication for writes is on): give the current code.',
      };
    if (why === 'ip-address') throw new CannotAskProvider(npmCannotTell[why]);
    return { outcome: 'refused', message: 'npm no longer accepts the token Lapse asked with.' };
  }
  if (answer.status === 403)
    return {
      outcome: 'refused',
      message: 'npm would not let the token Lapse asked with delete it (a read-only token may only read).',
    };
  throw unexpectedAnswer(answer, 'npm');
}

export const npmInventory: InventoryCapability = {
  what: 'tokens',
  refOf: npmKeyOf,
  list: listNpmInventory,
  revoke: revokeNpmListed,
};
