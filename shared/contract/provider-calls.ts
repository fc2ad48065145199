import { z } from 'zod';
import { providerIds } from '../model.js';
import { tokenIdSchema, type CallOf } from './call.js';

/**
 * What Lapse can do with one token at its provider, as the provider's adapter says: the window
 * shows its buttons, sections and warnings from this, never from a list of providers of its own.
 */
export const tokenCapabilitiesSchema = z.object({
  id: tokenIdSchema,
  provider: z.enum(providerIds),
  /** The provider's own name for this kind of token ("deploy token"), when its adapter tells kinds apart. */
  tokenType: z.string().nullable(),
  /** A verify can show this token alive or dead; false: every answer would say nothing (no adapter, or a kind its API does not read). */
  verifiable: z.boolean(),
  /** A verify checks the token's own signature (a JWT). */
  checksSignature: z.boolean(),
  revoke: z.object({
    /** `api`: Lapse asks the provider; `manual`: the person revokes it (`where`, when not the provider's token page). */
    method: z.enum(['api', 'manual']),
    where: z.string().nullable(),
    /** What revoking it does besides ending it, to say before the person confirms (a Slack bot token's bot user is deactivated). */
    warning: z.string().nullable(),
  }),
  rotation: z.object({ kind: z.enum(['automatic', 'guided']), method: z.string() }),
  /** Secrets its provider keeps beside it (an OAuth client, a Slack app's credentials), or null. */
  companions: z
    .object({
      title: z.string(),
      purpose: z.string(),
      /** The client must come with its secret. */
      needsClientSecret: z.boolean(),
    })
    .nullable(),
  /** Its provider lists the account's tokens (the inventory can use it). */
  inventory: z.boolean(),
});
export type TokenCapabilities = z.infer<typeof tokenCapabilitiesSchema>;

export const providerCalls = {
  getTokenCapabilities: { input: z.object({ id: tokenIdSchema }).strict(), output: tokenCapabilitiesSchema },
} as const;

type Calls = typeof providerCalls;

export interface ProviderApi {
  /** What Lapse can do with this token at its provider (verify, revoke, rotate, companions, inventory); asks the provider nothing. */
  getTokenCapabilities: CallOf<Calls['getTokenCapabilities']>;
}
