import type { TokenView } from '../../../shared/model.js';
import { providerNames } from '../../../shared/providers.js';
import type { Verification } from '../../../shared/verification.js';

type JwtCheck = NonNullable<Verification['jwtCheck']>;

/** Where the expiry came from, as a person says it: "from GitHub", "from the JWT", "set by you", "nobody has said". */
export function expirySourceWords(
  token: Pick<TokenView, 'expirySource' | 'provider' | 'expiresAt' | 'expiryUnknown'>,
): string {
  if (!token.expiresAt && token.expiryUnknown) return 'not set, and the token does not say: set it in Edit';
  switch (token.expirySource) {
    case 'provider':
      return `from ${providerNames[token.provider]}`;
    case 'jwt':
      return 'from the JWT';
    case 'user':
      return 'set by you';
  }
}

/** How a JWT's signature was checked. */
export const jwtCheckWords: Record<JwtCheck, string> = {
  jwks: "Signature checked against the issuer's published keys (JWKS)",
  'claims-only': 'Claims only: the signature was not checked, because Lapse does not know the issuer',
};

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "14:05", in the window's time zone. */
export const clockTime = (iso: string): string => clock.format(new Date(iso));

/**
 * The reason inside the service's "could not verify (REASON; retry at …)", so the window can say
 * the retry time in local HH:MM; any other wording is returned whole.
 */
export function unreachableReason(message: string): string {
  const match = /^could not verify \((.*?)(?:; retry (?:at [^;)]*|later))?\)\.?$/i.exec(message.trim());
  return match?.[1] ?? message;
}

/**
 * "Could not verify: GitHub is not answering (HTTP 503) — retry at 14:05"; a reason that already
 * says it ("Could not reach api.github.com …") is not prefixed a second time.
 */
export function couldNotVerify(message: string, retryAt: string | null): string {
  const reason = unreachableReason(message);
  const said = /^could not\b/i.test(reason)
    ? `${reason.charAt(0).toUpperCase()}${reason.slice(1)}`
    : `Could not verify: ${reason}`;
  return `${said}${retryAt ? ` — retry at ${clockTime(retryAt)}` : ' — try again later'}`;
}

/** Scopes the purpose declares that the provider did not grant (none while the grant is unknown). */
export function missingScopes(token: Pick<TokenView, 'scopes' | 'grantedScopes'>): string[] {
  if (!token.grantedScopes) return [];
  const granted = new Set(token.grantedScopes);
  return token.scopes.filter((scope) => !granted.has(scope));
}
