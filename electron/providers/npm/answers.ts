import type { ProviderAnswer } from '../provider-http.js';

/**
 * What a 401 from the registry means, read as npm's own client reads it
 * (npm/npm-registry-fetch `lib/check-response.js`): `www-authenticate` naming `ipaddress` — the
 * token's CIDR allow-list excludes this machine (`EAUTHIP`); naming `otp`, or a body asking for a
 * one-time pass — a one-time code is needed (`EOTP`); anything else — the token is not accepted.
 */
export type NpmUnauthorized = 'ip-address' | 'otp' | 'rejected';

export function npmUnauthorized(answer: ProviderAnswer): NpmUnauthorized {
  const challenges = (answer.headers.get('www-authenticate') ?? '').split(/,\s*/).map((s) => s.trim().toLowerCase());
  if (challenges.includes('ipaddress')) return 'ip-address';
  if (challenges.includes('otp') || /one-time pass/i.test(answer.text)) return 'otp';
  return 'rejected';
}

/** Why a 401 that is not a verdict says nothing about the token: one sentence for the person. */
export const npmCannotTell: Record<Exclude<NpmUnauthorized, 'rejected'>, string> = {
  'ip-address':
    "npm refuses requests from this machine's IP address for this token (its CIDR allow-list names other addresses), so Lapse cannot tell whether it still works; check it from an allowed address, or in npm's token settings.",
  otp: 'npm asks for a one-time code for this request, so its answer says nothing about the token.',
};

/** How Lapse presents an npm token, with the one-time code when the person gave one (npm/registry docs: the `npm-otp` header). */
export const npmAuthHeaders = (secret: string, otp?: string): Record<string, string> => ({
  authorization: `Bearer ${secret}`,
  ...(otp ? { 'npm-otp': otp } : {}),
});
