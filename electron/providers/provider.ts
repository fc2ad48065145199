import type { ProviderId, TokenRecord } from '../../shared/model.js';
import type { RejectReason } from '../../shared/verification.js';
import type { ProviderHttp } from './provider-http.js';
import type { RateLimitPolicy } from './rate-limit-headers.js';
import type { RotationCapability } from './rotation.js';

import type { CompanionSlot } from '../vault/token-slots.js';

/** Secrets kept beside a token in the keychain (`<id>#client`, `<id>#refresh`), named in vault/token-slots.ts. */
export type { CompanionSlot };

/** What an adapter gets to verify one token. */
export interface VerifyContext {
  secret: string;
  record: TokenRecord;
  /** HTTP bound to this token's base URL: it cannot send the token anywhere else. */
  http: ProviderHttp;
  /** A companion secret (OAuth client credentials as "id:secret", a refresh token), or null. */
  companion(slot: CompanionSlot): Promise<string | null>;
  now: number;
  /** A one-time code the person gave for this request (npm's `npm-otp` under two-factor auth-and-writes). */
  otp?: string;
  /**
   * During a revocation: the adapter saw the token alive at its provider (listed among the account's
   * tokens, active at introspection) just before the request that revokes it. Called before that
   * request, so the evidence outlives a lost answer: a later "gone" is then a change, not a token the
   * provider never showed (`revocation.aliveAtRequest`).
   */
  sawAlive?(): Promise<void>;
}

/** A kind of token as its provider tells them apart (GitLab by prefix), and what Lapse can do with it. */
export interface TokenType {
  /** The provider's own name for it: "personal access token", "deploy token"… */
  name: string;
  /** The provider has an answer that shows this kind alive or dead; false: every answer is `cannot-tell`. */
  verifiable: boolean;
  /** Lapse can ask the provider to revoke it; false: the person revokes it by hand. */
  revocable: boolean;
  /** Where a person revokes it by hand, when that is not the provider's usual token page. */
  byHand?: string;
}

/**
 * Secrets a provider keeps beside a token (`<id>#client`, `<id>#refresh`): an OAuth client's
 * credentials and refresh token, a Slack app's credentials and refresh token.
 */
export interface CompanionCapability {
  /** A heading for the window: "OAuth client", "Slack app (token rotation)". */
  title: string;
  /** One sentence: what they are for. */
  purpose: string;
  /** Whether this token has any (by its value: a Slack bot or user token, any OAuth token). */
  appliesTo(record: TokenRecord, secret: string | null): boolean;
  /** The client must have a secret (a Slack app refreshes with it). */
  needsClientSecret: boolean;
  /** Why a value given is not what this provider uses (a Slack refresh token starts xoxe-1-), or null. */
  problem?(given: { clientId?: string; clientSecret?: string; refreshToken?: string }): string | null;
}

/** How a value whose revocation was asked stands: what its provider's answer proves. */
export interface RevocationCheck {
  verdict: Verdict;
  /** One sentence: what the provider's answer shows. */
  message: string;
}

/**
 * What one answer of a provider proves about a token: it works (`alive`), no live token could
 * get this answer (`dead`), or it proves neither (`cannot-tell`: an IP allow-list, a missing
 * one-time code, an account blocked for now, a token type the endpoint does not read). Each
 * adapter decides per token type and answer; docs/providers.md lists them with their sources.
 * Only `dead` confirms a revocation and lets a secret leave the keychain.
 */
export type Verdict = 'alive' | 'dead' | 'cannot-tell';

/**
 * What the provider said. `valid` and `rejected` are its answers; anything that says nothing
 * about the token is thrown as a TransientFault instead (a CannotAskProvider when it needs the
 * person), and never becomes `rejected`.
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
      /** How the provider's list of the account's tokens names this one (GitLab's token id), when it said. */
      providerRef?: string;
    }
  | {
      outcome: 'rejected';
      reason: RejectReason;
      message: string;
      /**
       * True only for an answer no live token can get (revoked, expired, unknown to the provider):
       * the `dead` verdict, which confirms a revocation. False when the token does not work now but
       * may again (its account blocked or deactivated, a date it is not valid before).
       */
      dead: boolean;
    };

/**
 * What a provider said to a revocation request. `accepted` covers "already dead" too: only the
 * verify that follows decides. `needs-otp`: the account wants a one-time code for this request
 * (npm under two-factor auth-and-writes); nothing was done. Transient faults are thrown as
 * TransientFault instead.
 */
export type RevokeOutcome =
  | { outcome: 'accepted'; note?: string }
  | { outcome: 'refused'; message: string }
  | { outcome: 'needs-otp'; message: string };

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
  /** How it signals rate limits and which calls share a limit; absent: a 429 (or GitHub's 403 forms), one limit per host. */
  rateLimits?: RateLimitPolicy;
  verify(ctx: VerifyContext): Promise<VerifyOutcome>;
  /** Ask the provider to revoke the token; absent when it has no revocation API (the person revokes it by hand). */
  revoke?(ctx: VerifyContext): Promise<RevokeOutcome>;
  /**
   * Revoke many of its tokens in one request, where the provider takes a list (GitHub's
   * `/credentials/revoke`: up to 1,000 tokens a request, 60 requests an hour per address). One
   * answer for all of them; the verify of each that follows decides.
   */
  revokeBatch?: {
    max: number;
    /** Whether the batch call exists at this base URL (GitHub Enterprise Server authenticates each token's own request). */
    appliesTo(baseUrl: string): boolean;
    revoke(http: ProviderHttp, secrets: string[]): Promise<RevokeOutcome>;
  };
  /** Its kind of token, by its value; absent: one kind, verifiable, revocable where `revoke` exists. */
  tokenTypeOf?(secret: string, record: TokenRecord): TokenType;
  /** What revoking this token does besides ending it, said before the person confirms (a Slack bot token: its bot user is deactivated). */
  revokeWarning?(record: TokenRecord, secret: string): string | null;
  /** The ways it rotates tokens in place, in order of preference; absent: guided only. */
  rotations?: RotationCapability[];
  /** Secrets kept beside its tokens. */
  companions?: CompanionCapability;
  /** A verify checks the token's own signature (a JWT): the window says so before the first verify. */
  checksSignature?: boolean;
  /** It lists an account's tokens without spending them (the account's inventory). */
  inventory?: InventoryCapability;
  links: ProviderLinks;
}

/** The verdict a verify's outcome carries: only a dead rejection proves a token dead. */
export const verdictOf = (outcome: VerifyOutcome): Verdict =>
  outcome.outcome === 'valid' ? 'alive' : outcome.dead ? 'dead' : 'cannot-tell';

/** One token as its provider lists it for the account, never its value. */
export interface InventoryEntry {
  /** What the provider names it by (GitLab's token id, npm's sha512 key): what a revocation names. */
  ref: string;
  name: string | null;
  /** The characters the provider shows of it (npm: `npm_1f`), or null. */
  shown: string | null;
  createdAt: string | null;
  /** ISO instant, null for never; undefined where the provider does not report use. */
  lastUsedAt?: string | null;
  /** ISO instant, null for never; undefined where the provider does not say. */
  expiresAt?: string | null;
  /** null where the provider gives no scopes. */
  scopes: string[] | null;
  state: 'active' | 'revoked' | 'expired';
  readOnly?: boolean;
  cidr?: string[];
}

/** What listing the account's tokens came to: its entries, or why the token asked may not list them. */
export type InventoryListing =
  { kind: 'listed'; entries: InventoryEntry[]; listerRef: string | null } | { kind: 'cannot'; why: string };

/**
 * The account's own tokens, as its provider lists them with one of its tokens (GitLab's
 * `GET /personal_access_tokens`, npm's token list): tokens that exist but are not in Lapse, and when
 * each was last used, without spending any of them.
 */
export interface InventoryCapability {
  /** What the provider lists: "personal access tokens", "tokens". */
  what: string;
  /** The ref of a value, where it follows from the value itself (npm: the sha512 key); else the one a verify learnt. */
  refOf?(secret: string): string;
  list(ctx: VerifyContext): Promise<InventoryListing>;
  /** Revoke one listed token with the token that lists them (`ctx`), then list again: only its absence or revoked state confirms it. */
  revoke(ctx: VerifyContext, ref: string): Promise<RevokeOutcome>;
}
