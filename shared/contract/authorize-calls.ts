import { z } from 'zod';
import { baseUrlSchema, labelSchema, providerIds, purposeSchema, scopeListSchema, tokenViewSchema } from '../model.js';
import { tokenIdSchema, type CallOf } from './call.js';
import { clientIdSchema } from './oauth-calls.js';
import { secretSchema } from './vault-calls.js';

/** How a person approves: in a browser redirected to Lapse's loopback listener (RFC 8252), or by a user code (RFC 8628). */
export const authorizeMethods = ['loopback', 'device'] as const;

const flowIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'is not an authorization id');

/**
 * Start issuing a token: a new one (`issuer` and `clientId` given) or a new grant for an existing
 * one (`tokenId`, reauthorize: its issuer and client come from the token). `scopes`: what to ask
 * for; for a new token they become its declared purpose, for a reauthorize they replace it (absent:
 * the token's declared scopes). Scopes beyond the declared purpose are refused until
 * `widerThanPurpose` says the person saw the warning.
 */
export const startAuthorizationInput = z
  .object({
    tokenId: tokenIdSchema.optional(),
    issuer: baseUrlSchema.optional(),
    clientId: clientIdSchema.optional(),
    clientSecret: secretSchema.optional(),
    scopes: scopeListSchema.optional(),
    label: labelSchema.optional(),
    purpose: purposeSchema.optional(),
    method: z.enum(authorizeMethods),
    widerThanPurpose: z.boolean().optional(),
  })
  .strict()
  .refine((i) => (i.tokenId === undefined) !== (i.issuer === undefined), {
    message: 'give either tokenId (reauthorize) or issuer (a new token)',
    path: ['issuer'],
  })
  .refine((i) => i.tokenId !== undefined || i.clientId !== undefined, {
    message: 'a new token needs the OAuth client id',
    path: ['clientId'],
  })
  .refine((i) => i.clientSecret === undefined || i.clientId !== undefined, {
    message: 'a client secret needs its client id',
    path: ['clientId'],
  });
export type StartAuthorizationInput = z.input<typeof startAuthorizationInput>;

/** An authorization under way: where the person goes, and what they approve. Never a secret. */
export const authorizationStartSchema = z.object({
  flowId: flowIdSchema,
  method: z.enum(authorizeMethods),
  /** Loopback: the issuer's page to open in the system browser. */
  authorizationUrl: z.string().nullable(),
  /** Device: where to enter the user code, the code, and the same page with the code filled in when the issuer gives one. */
  verificationUri: z.string().nullable(),
  verificationUriComplete: z.string().nullable(),
  userCode: z.string().nullable(),
  /** When the request stops being answerable (the device code's expiry, or the loopback wait's end). */
  expiresAt: z.string(),
  /** The scopes asked for. */
  scopes: z.array(z.string()),
  /** The token being reauthorized, or null for a new one. */
  tokenId: tokenIdSchema.nullable(),
});
export type AuthorizationStart = z.infer<typeof authorizationStartSchema>;

export const authorizationStates = ['waiting', 'issued', 'reauthorized', 'failed'] as const;

export const authorizationOutcomeSchema = z.object({
  state: z.enum(authorizationStates),
  /** The new token (issued) or the reauthorized one; null while waiting or after a failure. */
  token: tokenViewSchema.nullable(),
  /** What happened and, when it failed, what to do. */
  message: z.string(),
  /** Notes worth knowing (the old grant left to expire, fewer scopes granted than asked…). */
  notes: z.array(z.string()),
});
export type AuthorizationOutcome = z.infer<typeof authorizationOutcomeSchema>;

/** What authorizing a token of a provider without OAuth for personal tokens means: the create page, scopes filled in where it can. */
export const authorizeGuideSchema = z.object({
  createLink: z.string().nullable(),
  scopes: z.array(z.string()),
  steps: z.array(z.string()),
});
export type AuthorizeGuide = z.infer<typeof authorizeGuideSchema>;

/** Issuing tokens (OAuth authorization code + PKCE, device flow) and reauthorizing them with no more scope than their purpose. */
export const authorizeCalls = {
  startAuthorization: { input: startAuthorizationInput, output: authorizationStartSchema },
  finishAuthorization: {
    input: z.object({ flowId: flowIdSchema, waitMs: z.number().int().min(0).max(30_000).optional() }).strict(),
    output: authorizationOutcomeSchema,
  },
  cancelAuthorization: {
    input: z.object({ flowId: flowIdSchema }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  authorizeGuide: {
    input: z
      .object({
        tokenId: tokenIdSchema.optional(),
        provider: z.enum(providerIds).optional(),
        baseUrl: baseUrlSchema.optional(),
        label: labelSchema.optional(),
        scopes: scopeListSchema.optional(),
      })
      .strict()
      .refine((i) => (i.tokenId === undefined) !== (i.provider === undefined), {
        message: 'give either tokenId (a replacement) or provider (a new token)',
        path: ['provider'],
      }),
    output: authorizeGuideSchema,
  },
} as const;

type Calls = typeof authorizeCalls;

export interface AuthorizeApi {
  /**
   * Start an authorization at an OAuth 2.0 / OIDC issuer (endpoints from its metadata): `loopback`
   * opens a listener on 127.0.0.1 and answers the issuer's page to open (code + PKCE S256 + state);
   * `device` answers the user code and where to enter it. finishAuthorization waits for the outcome.
   */
  startAuthorization: CallOf<Calls['startAuthorization']>;
  /**
   * Wait up to `waitMs` (default 25 s) for an authorization: `waiting` while the person has not
   * approved yet; `issued` with the new token (its access and refresh tokens in the keychain);
   * `reauthorized` once the new grant is verified and current and the old one revoked; `failed` with why.
   */
  finishAuthorization: CallOf<Calls['finishAuthorization']>;
  /** Stop waiting for an authorization: its listener closes, its device code is no longer polled. */
  cancelAuthorization: CallOf<Calls['cancelAuthorization']>;
  /**
   * For a provider without OAuth for personal tokens (GitHub, GitLab, npm): its create page with the
   * scopes filled in where its URL allows, for a replacement of `tokenId` (its declared scopes) or a
   * new token of `provider`. The person creates it and hands it over (completeGuidedRotation, addToken).
   */
  authorizeGuide: CallOf<Calls['authorizeGuide']>;
}
