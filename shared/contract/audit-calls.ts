import { z } from 'zod';
import { isoInstantSchema, tokenIdSchema, type CallOf } from './call.js';

/** Every lifecycle step the audit log records, one line each. */
export const auditEvents = [
  'added',
  'edited',
  'verified',
  'rotated',
  'revoked',
  'exposed',
  'reminded',
  'deleted',
  'verify-failed',
  'restored',
] as const;
export type AuditEvent = (typeof auditEvents)[number];

/** One line of the audit log (LAPSE_HOME/audit.jsonl). Never a secret: `detail` is redacted. */
export const auditEntrySchema = z.object({
  at: isoInstantSchema,
  event: z.enum(auditEvents),
  tokenId: tokenIdSchema,
  /** The token's label when the step happened (the token may since be renamed or forgotten). */
  label: z.string().max(200),
  /** What happened, in one sentence. */
  detail: z.string().max(1000),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The audit log: what happened to tokens, oldest first. */
export const auditCalls = {
  getHistory: {
    input: z.object({ id: tokenIdSchema.optional() }).strict(),
    output: z.object({ entries: z.array(auditEntrySchema) }),
  },
} as const;

type Calls = typeof auditCalls;

export interface AuditApi {
  /**
   * Every recorded lifecycle step (added, edited, verified, rotated, revoked, exposed, reminded,
   * deleted), oldest first; only one token's when `id` is given (also after it was forgotten).
   */
  getHistory: CallOf<Calls['getHistory']>;
}
