import { isoDay } from '../../../shared/countdown.js';
import { CannotAskProvider } from '../oauth/cannot-ask-provider.js';
import type { ProviderAdapter, RevokeOutcome, VerifyContext, VerifyOutcome } from '../provider.js';
import { jsonObject, text, unexpectedAnswer } from '../provider-answer.js';
import { TransientFault } from '../transient-fault.js';
import { npmAuthHeaders, npmCannotTell, npmUnauthorized } from './answers.js';
import { npmInventory } from './inventory.js';
import { npmKeyOf, npmTokenList, ownEntry, type ListedNpmToken, type TokenListing } from './token-list.js';

/** npm/registry docs/user/authentication.md, "Token Delete": a deleted token stays valid (cached) for up to an hour. */
const cachedAfterDeleteMs = 60 * 60_000;

function describeListed(token: ListedNpmToken): string {
  const parts = [token.readonly ? 'read-only' : 'read and publish'];
  if (token.created) parts.push(`created ${isoDay(token.created)}`);
  if (token.cidr.length) parts.push(`usable only from ${token.cidr.join(', ')}`);
  return `npm lists it as ${parts.join(', ')}.`;
}

function listingNote(listing: TokenListing, secret: string): string {
  if (listing.kind === 'refused')
    return `npm does not let this token read the token list (HTTP ${listing.status}), so only its owner is known.`;
  if (listing.kind === 'unavailable') return `npm's token list could not be read (${listing.why.replace(/\.$/, '')}).`;
  const own = ownEntry(secret, listing.tokens);
  return own
    ? describeListed(own)
    : `None of the ${listing.tokens.length} tokens npm lists for this user is this one (a session token from npm login is never listed).`;
}

/** `GET /-/whoami` (npm/cli lib/utils/get-identity.js): 200 names the user; a 401 is a verdict only without an IP or OTP challenge. */
async function whoami(ctx: VerifyContext): Promise<{ username: string } | VerifyOutcome> {
  const who = await ctx.http.request({
    method: 'GET',
    path: '/-/whoami',
    headers: npmAuthHeaders(ctx.secret),
    retry: true,
  });
  if (who.status === 401) {
    const why = npmUnauthorized(who);
    if (why !== 'rejected') throw new CannotAskProvider(npmCannotTell[why]);
    return {
      outcome: 'rejected',
      reason: 'invalid',
      message: 'npm rejects it (401): it was revoked, expired or never valid.',
      dead: true,
    };
  }
  if (who.status !== 200) throw unexpectedAnswer(who, 'npm');
  const username = text(jsonObject(who, 'npm')['username']);
  if (!username) throw new TransientFault('npm answered /-/whoami without a username.');
  return { username };
}

/**
 * Its owner (whoami) and its entry in the token list. While a revocation Lapse asked is pending
 * and npm listed the token when it was asked, its absence from the list proves the delete, even
 * though whoami still accepts it: npm keeps a deleted token valid for up to an hour (npm/registry
 * docs/user/authentication.md, "Token Delete"). Without that, absence proves nothing (a session
 * token from `npm login` is never listed).
 */
async function verifyNpmToken(ctx: VerifyContext): Promise<VerifyOutcome> {
  // Both at once: who owns it, and what the token list says of it where the token may read the list.
  const [who, listing] = await Promise.all([whoami(ctx), npmTokenList(ctx.http, ctx.secret)]);
  if ('outcome' in who) return who;
  const revocation = ctx.record.revocation;
  if (
    listing.kind === 'listed' &&
    !ownEntry(ctx.secret, listing.tokens) &&
    revocation?.aliveAtRequest &&
    !revocation.confirmedAt
  ) {
    const until = new Date(Date.parse(revocation.requestedAt) + cachedAfterDeleteMs).toISOString().slice(11, 16);
    return {
      outcome: 'rejected',
      reason: 'revoked',
      message: `npm no longer lists it, so it is deleted; npm's cache may still accept it until about ${until} UTC (up to an hour after the delete).`,
      dead: true,
    };
  }
  return {
    outcome: 'valid',
    account: who.username,
    grantedScopes: null,
    notes: ["npm does not report a token's permissions through its API.", listingNote(listing, ctx.secret)],
  };
}

/**
 * `DELETE /-/npm/v1/tokens/token/{key}`, the key being the sha512 of the token as the list shows
 * it. Under two-factor `auth-and-writes` every DELETE needs an `npm-otp` header (npm/registry
 * docs/user/authentication.md, "Two Factor Authentication"); without one npm answers 401 with
 * `www-authenticate: OTP`, and Lapse asks the person for the code. A read-only token "may only be
 * used … for non-destructive HTTP methods" (same page, "Token"): it cannot delete itself.
 */
async function revokeNpmToken(ctx: VerifyContext): Promise<RevokeOutcome> {
  const listing = await npmTokenList(ctx.http, ctx.secret);
  if (listing.kind === 'unavailable')
    throw new TransientFault(`npm's token list could not be read (${listing.why.replace(/\.$/, '')})`);
  if (listing.kind === 'refused') {
    if (listing.why === 'ip-address' || listing.why === 'otp') throw new CannotAskProvider(npmCannotTell[listing.why]);
    if (listing.status === 401) return { outcome: 'accepted' };
    return {
      outcome: 'refused',
      message: 'npm does not let this token read the token list, so Lapse cannot find it to revoke it.',
    };
  }
  const own = ownEntry(ctx.secret, listing.tokens);
  if (own) await ctx.sawAlive?.();
  if (!own)
    return {
      outcome: 'refused',
      message:
        'npm does not list this token (a session token from npm login never is), so Lapse cannot revoke it by API.',
    };
  if (own.readonly) {
    return {
      outcome: 'refused',
      message:
        "A read-only npm token cannot delete itself (npm lets it make only reads); delete it in npm's token settings, or from Lapse's account inventory with another of your npm tokens.",
    };
  }
  const answer = await ctx.http.request({
    method: 'DELETE',
    path: `/-/npm/v1/tokens/token/${npmKeyOf(ctx.secret)}`,
    headers: npmAuthHeaders(ctx.secret, ctx.otp),
    retry: true,
  });
  if (answer.status === 204 || answer.status === 200)
    return { outcome: 'accepted', note: 'npm keeps a deleted token working for up to an hour' };
  if (answer.status === 401) {
    const why = npmUnauthorized(answer);
    if (why === 'otp') {
      return {
        outcome: 'needs-otp',
        message: ctx.otp
          ? 'npm did not accept that one-time code (it may have expired): give the current code from your authenticator.'
          : 'npm wants a one-time code from your authenticator to delete this token (two-factor authentication for writes is on): give the current code.',
      };
    }
    if (why === 'ip-address') throw new CannotAskProvider(npmCannotTell[why]);
    return { outcome: 'accepted' };
  }
  // Listed a moment ago and gone now: deleted in between; the list confirms it.
  if (answer.status === 404) return { outcome: 'accepted' };
  if (answer.status === 403) return { outcome: 'refused', message: `npm would not delete it (HTTP ${answer.status}).` };
  throw unexpectedAnswer(answer, 'npm');
}

/** The npm registry (or one that speaks its API): `/-/whoami` and the token list. */
export const npmProvider: ProviderAdapter = {
  id: 'npm',
  defaultBaseUrl: 'https://registry.npmjs.org',
  // Two requests per token; the registry publishes no limit, so stay modest.
  concurrency: 8,
  verify: verifyNpmToken,
  revoke: revokeNpmToken,
  inventory: npmInventory,
  links: {
    createToken: () => 'https://www.npmjs.com/settings/~/tokens',
    manageTokens: () => 'https://www.npmjs.com/settings/~/tokens',
  },
};
