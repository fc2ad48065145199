import { createHash, randomBytes } from 'node:crypto';

/**
 * A PKCE pair (RFC 7636): the verifier is 32 random bytes base64url-encoded (43 characters, §4.1's
 * minimum entropy), the challenge its SHA-256 (`S256`, §4.2; `plain` is never sent).
 */
export function pkcePair(): { verifier: string; challenge: string; method: 'S256' } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), method: 'S256' };
}

/** An unguessable `state` (RFC 6749 §10.12): binds the redirect to the request this Lapse made. */
export const newState = (): string => randomBytes(24).toString('base64url');
