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

/** What the window needs of an unreachable answer: a verify result or a token's last verification. */
interface Unreachable {
  message: string;
  retryAt: string | null;
  unreachableReason?: string | null;
}

/**
 * "Could not verify: GitHub is not answering (HTTP 503) — retry at 14:05", from the service's
 * `unreachableReason` and `retryAt`; a reason that already says it ("Could not reach api.github.com …")
 * is not prefixed a second time. A record written before the reason had its own field says its
 * stored sentence as it is.
 */
export function couldNotVerify({ message, retryAt, unreachableReason }: Unreachable): string {
  if (!unreachableReason) return message;
  const said = /^could not\b/i.test(unreachableReason)
    ? `${unreachableReason.charAt(0).toUpperCase()}${unreachableReason.slice(1)}`
    : `Could not verify: ${unreachableReason}`;
  return `${said}${retryAt ? ` — retry at ${clockTime(retryAt)}` : ' — try again later'}`;
}
