import { z } from 'zod';
import { findingSchema, tokenViewSchema } from '../model.js';
import { tokenIdSchema, type CallOf } from './call.js';

/**
 * Where a rotation ended. `finished`: the new value is current and the old one confirmed dead.
 * `revocation-pending`: the new value is current but the old one may still work.
 * `reauthorize`: the provider rotated in place and the new value was lost; authorize again.
 * `guided`: the person must create the replacement (see the guide) and hand it to completeGuidedRotation.
 * `pending`: paused on a provider that did not answer; the new value (if any) is kept, not yet current:
 * resume it (rotate again) or, for a guided one, discard it.
 */
export const rotationStates = ['finished', 'revocation-pending', 'reauthorize', 'guided', 'pending'] as const;

/** What a person needs to create a replacement by hand. */
export const rotationGuideSchema = z.object({
  /** The provider's page for creating a token; null when Lapse does not know it. */
  createLink: z.string().nullable(),
  /** Where the old token is listed (to revoke it by hand if need be). */
  manageLink: z.string().nullable(),
  /** The scopes the old token holds (as its provider reported), else those its purpose declares. */
  scopes: z.array(z.string()),
  steps: z.array(z.string()),
});
export type RotationGuide = z.infer<typeof rotationGuideSchema>;

export const rotationResultSchema = z.object({
  token: tokenViewSchema,
  state: z.enum(rotationStates),
  /** `automatic`: by the provider's API (GitLab self-rotate, OAuth refresh); `guided`: by the person. */
  kind: z.enum(['automatic', 'guided']),
  message: z.string(),
  /** Findings about the new value that need attention now (e.g. `scope-widened`). */
  warnings: z.array(findingSchema),
  guide: rotationGuideSchema.nullable(),
});
export type RotationResult = z.infer<typeof rotationResultSchema>;

/** A rotation left half-way: what is kept, where it stopped, and what the person can do. */
export const pendingRotationSchema = z.object({
  tokenId: tokenIdSchema,
  rotationId: z.string(),
  kind: z.enum(['automatic', 'guided']),
  /** The journal's last step, e.g. `pending-stored` (the new value is in the keychain, not yet verified). */
  step: z.string(),
  startedAt: z.string(),
  /** The new value's masked form, when Lapse holds one. */
  newMasked: z.string().nullable(),
  /** Why it stopped, in one or two sentences; null when it was cut short (a crash) rather than refused. */
  reason: z.string().nullable(),
  /** Whether dropping the new value is safe now (a guided rotation before the new value became current). */
  canDiscard: z.boolean(),
});
export type PendingRotation = z.infer<typeof pendingRotationSchema>;
/** What a rotation of this token will do, for the person to see before confirming. */
export const rotationPlanSchema = z.object({
  /** `automatic`: its provider issues the new value by API; `guided`: the person creates it. */
  kind: z.enum(['automatic', 'guided']),
  /** How, in a few words: "GitLab self-rotate", "OAuth refresh", "Slack refresh", "Slack token exchange", "by hand". */
  method: z.string(),
  /** What will happen, in a sentence or two. */
  summary: z.string(),
  /** The expiry the rotation asks the provider for (YYYY-MM-DD) when it takes one, else null (the provider decides). */
  expiresAt: z.string().nullable(),
  /** Why that date. */
  expiryNote: z.string().nullable(),
  /** The person may ask for another date (rotateToken's `expiresAt`). */
  takesExpiry: z.boolean(),
  /** Effects worth knowing before confirming (e.g. the old value stays live until it expires). */
  warnings: z.array(z.string()),
});
export type RotationPlan = z.infer<typeof rotationPlanSchema>;

/** YYYY-MM-DD */
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date (YYYY-MM-DD)');

/** Replacing a token's value: automatically where the provider can, guided elsewhere; crash-safe either way. */
export const rotationCalls = {
  rotateToken: {
    input: z.object({ id: tokenIdSchema, expiresAt: daySchema.optional() }).strict(),
    output: rotationResultSchema,
  },
  startGuidedRotation: { input: z.object({ id: tokenIdSchema }).strict(), output: rotationGuideSchema },
  completeGuidedRotation: {
    input: z.object({ id: tokenIdSchema, secret: z.string().min(1).max(16384) }).strict(),
    output: rotationResultSchema,
  },
  listPendingRotations: {
    input: z.object({ id: tokenIdSchema.optional() }).strict(),
    output: z.object({ rotations: z.array(pendingRotationSchema) }),
  },
  discardRotation: {
    input: z.object({ id: tokenIdSchema }).strict(),
    output: z.object({ token: tokenViewSchema, message: z.string() }),
  },
  planRotation: { input: z.object({ id: tokenIdSchema }).strict(), output: rotationPlanSchema },
} as const;

type Calls = typeof rotationCalls;

export interface RotationApi {
  /**
   * Rotate a token. Automatic where its provider has an API (GitLab `self/rotate` with an optional
   * `expiresAt`, OAuth refresh with rotating refresh tokens): journalled, the new value stored and
   * verified, promoted in one step, the old one revoked and confirmed dead. Elsewhere answers
   * `guided` with the guide (as startGuidedRotation).
   */
  rotateToken: CallOf<Calls['rotateToken']>;
  /** The provider's page for creating the replacement and the old token's scopes to recreate. */
  startGuidedRotation: CallOf<Calls['startGuidedRotation']>;
  /**
   * Take the replacement the person created: verify it (same account, scopes covering the purpose,
   * a `scope-widened` warning when wider than before), store it, then revoke the old one.
   */
  completeGuidedRotation: CallOf<Calls['completeGuidedRotation']>;
  /** Rotations left half-way (every token's, or one's), read from the journal: no keychain read. Resume one with rotateToken. */
  listPendingRotations: CallOf<Calls['listPendingRotations']>;
  /** Drop a paused guided rotation's new value; the current value stays. Refused once the new value is current. */
  discardRotation: CallOf<Calls['discardRotation']>;
  /**
   * What rotateToken would do now, asking nothing of the provider: automatic or guided, by which
   * method, and the expiry it would ask for (GitLab: the old token's lifetime capped by the policy,
   * always sent, since GitLab would otherwise pick one week). Shown before the person confirms.
   */
  planRotation: CallOf<Calls['planRotation']>;
}
