import type { ProviderId, TokenRecord } from '../../shared/model.js';
import type { RejectReason } from '../../shared/verification.js';
import type { ProviderHttp } from './provider-http.js';

/** Secrets kept beside a token in the keychain (`<id>#client`, `<id>#refresh`). */
export type CompanionSlot = 'client' | 'refresh';

/** What an adapter gets to verify one token. */
export interface VerifyContext {
  secret: string;
  record: TokenRecord;
  /** HTTP bound to this token's base URL: it cannot send the token anywhere else. */
  http: ProviderHttp;
  /** A companion secret (OAuth client credentials as "id:secret", a refresh token), or null. */
  companion(slot: CompanionSlot): Promise<string | null>;
  now: number;
}

/**
 * What the provider said. `valid` and `rejected` are its authoritative answers; anything
 * transient is thrown as a TransientFault instead, and never becomes `rejected`.
 */
export type VerifyOutcome =
  | {
      outcome: 'valid';
      /** The owner as the provider names it (login, username, team/user…). */
      account: string | null;
      /** Scopes the token holds; null when the provider does not expose them (say why in notes). */
      grantedScopes: string[] | null;
      /** Present when the provider reports the expiry: null means "never expires". */
      expiresAt?: string | null;
      lastUsedAt?: string | null;
      notes: string[];
      jwtCheck?: 'jwks' | 'claims-only';
    }
  | { outcome: 'rejected'; reason: RejectReason; message: string };

/**
 * What a provider said to a revocation request. `accepted` covers "already dead" too: only the
 * verify that follows decides. Transient faults are thrown as TransientFault instead.
 */
export type RevokeOutcome = { outcome: 'accepted' } | { outcome: 'refused'; message: string };

/**
 * Links a person needs for the guided flows (create a replacement, manage or revoke by hand),
 * from the token's API base URL and its kind (GitHub keeps classic and fine-grained PATs apart).
 */
export interface ProviderLinks {
  /** Where to create a replacement token. */
  createToken?: (baseUrl: string, kind?: string) => string;
  /** Where the user's tokens are listed (to revoke or inspect by hand). */
  manageTokens?: (baseUrl: string, kind?: string) => string;
}

/** One provider: one file implementing this, one emulator, its tests, one registry line. */
export interface ProviderAdapter {
  id: ProviderId;
  /** The API base documented paths are appended to; null when the user must give one (OAuth issuer). */
  defaultBaseUrl: string | null;
  /** True when it can judge a token with no base URL at all (a JWT's own claims). */
  worksOffline?: boolean;
  /** Most tokens a verify-all sends to this provider at once. */
  concurrency: number;
  verify(ctx: VerifyContext): Promise<VerifyOutcome>;
  /** Ask the provider to revoke the token; absent when it has no revocation API (the person revokes it by hand). */
  revoke?(ctx: VerifyContext): Promise<RevokeOutcome>;
  links: ProviderLinks;
}
