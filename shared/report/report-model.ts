import { z } from 'zod';
import { findingSchema, providerIds, severities, statuses, type TokenStatus } from '../model.js';
import { policySchema } from '../policy.js';
import { reportLabelMax } from './report-label.js';

const isoInstant = z.iso.datetime({ offset: true });
const count = z.number().int().min(0);

/** A token as the hygiene report shows it: metadata and judgement, never the secret or its masked form. */
export const reportTokenSchema = z
  .object({
    id: z.string().meta({ description: "Lapse's id for the token (not a secret)." }),
    label: z.string(),
    provider: z.enum(providerIds),
    providerName: z.string().meta({ description: 'The provider as a person names it, e.g. "GitHub".' }),
    kind: z.string(),
    account: z.string().nullable().meta({ description: 'The account the provider says owns it; null until verified.' }),
    purpose: z.string(),
    tags: z.array(z.string()),
    scopes: z.object({
      declared: z.array(z.string()).meta({ description: 'Scopes its purpose needs, as declared in Lapse.' }),
      granted: z.array(z.string()).nullable().meta({ description: 'Scopes the provider reported; null when unknown.' }),
      excess: z.array(z.string()).meta({ description: 'Granted but not declared.' }),
    }),
    status: z.enum(statuses),
    severity: z.enum(severities).nullable().meta({ description: "The status's severity; null when healthy." }),
    findings: z.array(findingSchema),
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{8}$/)
      .meta({ description: 'First 8 hex characters of the SHA-256 of the secret: a short handle, not the full hash.' }),
    createdAt: isoInstant,
    ageDays: count.meta({ description: 'Whole days since createdAt.' }),
    expiresAt: isoInstant.nullable(),
    daysUntilExpiry: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Whole days until expiresAt (negative once expired); null when it never expires.' }),
    lastVerifiedAt: isoInstant.nullable(),
    lastRotatedAt: isoInstant.nullable(),
    lastUsedAt: isoInstant.nullable(),
    revokedAt: isoInstant.nullable(),
  })
  .meta({ title: 'Token' });
export type ReportToken = z.infer<typeof reportTokenSchema>;

const tokenRef = z.object({ id: z.string(), label: z.string() });

export const reportSummarySchema = z.object({
  tokenCount: count,
  byStatus: z
    .object(Object.fromEntries(statuses.map((s) => [s, count])) as Record<TokenStatus, typeof count>)
    .meta({ description: 'Every status, with how many tokens have it.' }),
  byProvider: z.partialRecord(z.enum(providerIds), count).meta({ description: 'Providers that have tokens.' }),
  oldestToken: tokenRef
    .extend({ createdAt: isoInstant, ageDays: count })
    .nullable()
    .meta({ description: 'The longest-standing token not revoked; null when there is none.' }),
  withoutExpiry: z.array(tokenRef).meta({ description: 'Tokens (not revoked) that never expire.' }),
  check: z
    .object({
      threshold: z.enum(severities),
      passed: z.boolean(),
      failingTokenCount: count,
    })
    .meta({ description: 'What `lapse check` says under the same policy.' }),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

/** The report format version this Lapse writes; `lapse team` reads this one and every earlier one. */
export const reportVersion = 2;

/** `sha256:` and 64 hex characters: the SHA-256 of the report's canonical JSON without this field. */
export const integrityPattern = /^sha256:[0-9a-f]{64}$/;

/** The hygiene report of one machine's vault: what every format (md, json, html, csv) shows. */
export const hygieneReportSchema = z
  .object({
    reportVersion: z.literal(reportVersion).meta({
      description: 'The version of this format. 2 added person and integrity; 1 had machine as the host name.',
    }),
    generatedAt: isoInstant,
    machine: z.string().max(reportLabelMax).nullable().meta({
      description:
        'The machine label its owner chose (lapse report --machine, or stored with --save-label); null when none. Never the host name unless they typed it.',
    }),
    person: z.string().max(reportLabelMax).nullable().meta({
      description:
        'The person label its owner chose (lapse report --person); null when none. Never the user name unless they typed it.',
    }),
    policy: policySchema.meta({
      description: 'The policy the tokens were judged by (defaults, the vault, any policy file).',
    }),
    summary: reportSummarySchema,
    tokens: z.array(reportTokenSchema).meta({ description: 'Most urgent first.' }),
    integrity: z.string().regex(integrityPattern).meta({
      description:
        'sha256: and the hex SHA-256 of the report as canonical JSON (RFC 8785: keys sorted, no whitespace) without this member. Makes an edit visible to `lapse team`; it is not a signature: whoever edits the file can recompute it.',
    }),
  })
  .meta({
    title: 'Lapse hygiene report',
    description:
      'Token hygiene of one machine, as `lapse report --format json` writes it. Holds no secret, no masked value and no full fingerprint.',
  });
export type HygieneReport = z.infer<typeof hygieneReportSchema>;
