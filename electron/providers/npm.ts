import { isoDay } from '../../shared/countdown.js';
import { listedMatches, npmTokenList, type TokenListing } from './npm-token-list.js';
import type { ProviderAdapter, RevokeOutcome, VerifyContext, VerifyOutcome } from './provider.js';
import { jsonObject, text, type JsonObject, unexpectedAnswer } from './provider-answer.js';
import { TransientFault } from './transient-fault.js';

function describeListed(token: JsonObject): string {
  const created = text(token['created']);
  const cidr = Array.isArray(token['cidr_whitelist']) ? token['cidr_whitelist'].filter((c) => typeof c === 'string') : [];
  const parts = [token['readonly'] === true ? 'read-only' : 'read and publish'];
  if (created && !Number.isNaN(Date.parse(created))) parts.push(`created ${isoDay(new Date(created).toISOString())}`);
  if (cidr.length) parts.push(`usable only from ${cidr.join(', ')}`);
  return `npm lists it as ${parts.join(', ')}.`;
}

function listingNote(listing: TokenListing, secret: string): string {
  if (listing.kind === 'refused') return `npm does not let this token read the token list (HTTP ${listing.status}), so only its owner is known.`;
  if (listing.kind === 'unavailable') return `npm's token list could not be read (${listing.why.replace(/\.$/, '')}).`;
  const matches = listedMatches(secret, listing.tokens);
  if (matches.length === 1 && matches[0]) return describeListed(matches[0]);
  if (matches.length > 1) return `${matches.length} of the tokens npm lists show the same visible characters as this one, so Lapse cannot tell which it is.`;
  return `None of the ${listing.tokens.length} tokens npm lists for this user shows this token's visible characters (a session or granular token may not be listed).`;
}

async function verifyNpmToken(ctx: VerifyContext): Promise<VerifyOutcome> {
  const authorization = `Bearer ${ctx.secret}`;
  // Both at once: who owns it, and what the token list says of it where the token may read the list.
  const [who, listing] = await Promise.all([
    ctx.http.request({ method: 'GET', path: '/-/whoami', headers: { authorization }, retry: true }),
    npmTokenList(ctx.http, authorization),
  ]);
  if (who.status === 401) return { outcome: 'rejected', reason: 'invalid', message: 'npm rejects it (401): it was revoked, expired or never valid.', dead: true };
  if (who.status !== 200) throw unexpectedAnswer(who, 'npm');
  const username = text(jsonObject(who, 'npm')['username']);
  if (!username) throw new TransientFault('npm answered /-/whoami without a username.');
  return {
    outcome: 'valid',
    account: username,
    grantedScopes: null,
    notes: ["npm does not report a token's permissions through its API.", listingNote(listing, ctx.secret)],
  };
}

/** `DELETE /-/npm/v1/tokens/token/{key}`, the key found by matching this token in the token list. */
async function revokeNpmToken(ctx: VerifyContext): Promise<RevokeOutcome> {
  const authorization = `Bearer ${ctx.secret}`;
  const listing = await npmTokenList(ctx.http, authorization);
  if (listing.kind === 'unavailable') throw new TransientFault(`npm's token list could not be read (${listing.why.replace(/\.$/, '')})`);
  if (listing.kind === 'refused') {
    if (listing.status === 401) return { outcome: 'accepted' };
    return { outcome: 'refused', message: 'npm does not let this token read the token list, so Lapse cannot find it to revoke it.' };
  }
  const matches = listedMatches(ctx.secret, listing.tokens);
  const key = matches.length === 1 ? text(matches[0]?.['key']) : null;
  if (!key) {
    return { outcome: 'refused', message: matches.length > 1 ? 'Several listed npm tokens look like this one, so Lapse will not guess which to delete.' : 'npm does not list this token (a session or granular token), so Lapse cannot revoke it by API.' };
  }
  const answer = await ctx.http.request({ method: 'DELETE', path: `/-/npm/v1/tokens/token/${encodeURIComponent(key)}`, headers: { authorization }, retry: true });
  if (answer.status === 204 || answer.status === 200 || answer.status === 401) return { outcome: 'accepted' };
  if (answer.status === 403 || answer.status === 404) return { outcome: 'refused', message: `npm would not delete it (HTTP ${answer.status}).` };
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
  links: {
    createToken: () => 'https://www.npmjs.com/settings/~/tokens',
    manageTokens: () => 'https://www.npmjs.com/settings/~/tokens',
  },
};
