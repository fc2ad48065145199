import { z } from 'zod';
import { tokenIdSchema, type CallOf } from './call.js';
import { secretSchema } from './vault-calls.js';

/** An OAuth client id: one line, no ':' (the keychain keeps "id:secret"). */
export const clientIdSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(256, 'must be at most 256 characters')
  .refine((id) => !id.includes(':'), 'must not contain ":"')
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  .refine((id) => !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(id), 'must be one line of plain text');

export const oauthCompanions = ['client', 'refresh'] as const;

export const setOAuthCredentialsInput = z
  .object({
    id: tokenIdSchema,
    /** The OAuth client the token was issued to; with clientSecret for a confidential client, alone for a public one. */
    clientId: clientIdSchema.optional(),
    clientSecret: secretSchema.optional(),
    /** The refresh token issued with this access token (Slack: `xoxe-1-…`). */
    refreshToken: secretSchema.optional(),
    /** Companion secrets to remove from the keychain. */
    forget: z.array(z.enum(oauthCompanions)).max(2).optional(),
  })
  .strict()
  .refine((input) => input.clientSecret === undefined || input.clientId !== undefined, {
    message: 'a client secret needs its client id',
    path: ['clientId'],
  })
  .refine((input) => !(input.forget?.includes('client') && input.clientId !== undefined), {
    message: 'cannot set and forget the client in one call',
    path: ['forget'],
  })
  .refine((input) => !(input.forget?.includes('refresh') && input.refreshToken !== undefined), {
    message: 'cannot set and forget the refresh token in one call',
    path: ['forget'],
  });
export type SetOAuthCredentialsInput = z.input<typeof setOAuthCredentialsInput>;

/** Which OAuth companion secrets a token has in the keychain. Never the secrets. */
export const oauthCredentialStateSchema = z.object({
  id: tokenIdSchema,
  hasClient: z.boolean(),
  /** The stored client's id (not a secret), or null. */
  clientId: z.string().nullable(),
  /** False for a public client (id only). */
  hasClientSecret: z.boolean(),
  hasRefreshToken: z.boolean(),
});
export type OAuthCredentialState = z.infer<typeof oauthCredentialStateSchema>;

/** OAuth companions of a token: client credentials for introspection or refresh, its refresh token (an OAuth issuer's or a Slack app's). */
export const oauthCalls = {
  setOAuthCredentials: { input: setOAuthCredentialsInput, output: oauthCredentialStateSchema },
  getOAuthCredentialState: { input: z.object({ id: tokenIdSchema }).strict(), output: oauthCredentialStateSchema },
} as const;

type Calls = typeof oauthCalls;

export interface OAuthApi {
  /**
   * Store (or `forget`) a token's OAuth companions in the OS keychain, beside the token: the
   * client's id and secret (`<id>#client`, used to introspect or refresh it) and its refresh token
   * (`<id>#refresh`). For a Slack token with rotation on, the app's client id and secret (both
   * required) and its `xoxe-1-` refresh token, which let `rotateToken` refresh it. Never in the
   * metadata store. Answers what is stored now, never the secrets.
   */
  setOAuthCredentials: CallOf<Calls['setOAuthCredentials']>;
  /** Whether the token has client credentials and a refresh token in the keychain (never the secrets). */
  getOAuthCredentialState: CallOf<Calls['getOAuthCredentialState']>;
}
