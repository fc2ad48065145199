import { z } from 'zod';
import { findingCodes, providerIds, severities, statuses, type TokenStatus } from '../model.js';
import { policyOverrideSchema } from '../policy.js';

const isoInstant = z.iso.datetime({ offset: true });
const count = z.number().int().min(0);
const byStatusSchema = z
  .object(Object.fromEntries(statuses.map((s) => [s, count])) as Record<TokenStatus, typeof count>)
  .meta({ description: 'Every status, with how many tokens have it.' });

/** Findings only a team view can make: about reports and about tokens on more than one machine. */
export const teamFindingCodes = [
  'shared-token',
  'report-edited',
  'report-unreadable',
  'report-without-integrity',
] as const;
export type TeamFindingCode = (typeof teamFindingCodes)[number];

export const teamSeverityOf: Record<TeamFindingCode, (typeof severities)[number]> = {
  'shared-token': 'warning',
  'report-edited': 'warning',
  'report-unreadable': 'warning',
  'report-without-integrity': 'info',
};

/** Why a file given to `lapse team` was not merged. */
export const reportProblemReasons = [
  'unreadable',
  'too-large',
  'not-json',
  'not-a-report',
  'invalid',
  'too-new',
  'too-many-files',
] as const;

export const reportProblemSchema = z.object({
  file: z.string(),
  reason: z.enum(reportProblemReasons),
  message: z.string().meta({ description: 'Which file and why, never its content.' }),
});
export type ReportProblem = z.infer<typeof reportProblemSchema>;

/** Whether a report is as it was written: its integrity line matches (intact), does not (edited), or is missing (version 1). */
export const integrityStates = ['intact', 'edited', 'absent'] as const;
export type IntegrityState = (typeof integrityStates)[number];

/** One report file that was read. */
export const teamReportSchema = z.object({
  file: z.string(),
  key: z.string().meta({
    description: 'What groups reports of one machine: its person and machine labels, else the file path without dates.',
  }),
  name: z.string().meta({ description: 'The machine as the view names it, e.g. "ana-laptop (Ana)".' }),
  machine: z.string().nullable(),
  person: z.string().nullable(),
  reportVersion: z.number().int().min(1),
  generatedAt: isoInstant,
  integrity: z.enum(integrityStates),
  tokenCount: count,
  role: z
    .enum(['current', 'baseline', 'older'])
    .meta({ description: 'current: the newest of its machine; baseline: what the trend compares it with.' }),
});
export type TeamReport = z.infer<typeof teamReportSchema>;

export const teamTokenRefSchema = z.object({
  tokenId: z.string(),
  label: z.string(),
  provider: z.enum(providerIds),
  fingerprint: z
    .string()
    .meta({ description: 'First 8 hex characters of the SHA-256 of the secret, as the report gives it.' }),
});
export type TeamTokenRef = z.infer<typeof teamTokenRefSchema>;

/** A finding in the team view: a token's (as its machine judged it, or under --policy) or the team's own. */
export const teamFindingSchema = z.object({
  code: z.enum([...findingCodes, ...teamFindingCodes]),
  severity: z.enum(severities),
  message: z.string(),
  key: z.string().nullable().meta({ description: "The machine's key; null for a file that could not be read." }),
  name: z.string().meta({ description: 'The machine (or the file) as the view names it.' }),
  file: z.string().meta({ description: 'The report file it comes from.' }),
  tokenId: z.string().nullable(),
  label: z.string().nullable(),
  provider: z.enum(providerIds).nullable(),
  fingerprint: z.string().nullable(),
});
export type TeamFinding = z.infer<typeof teamFindingSchema>;

/** A machine's newest report, summarised. */
export const teamMachineSchema = z.object({
  key: z.string(),
  name: z.string(),
  machine: z.string().nullable(),
  person: z.string().nullable(),
  file: z.string(),
  generatedAt: isoInstant,
  integrity: z.enum(integrityStates),
  tokenCount: count,
  byStatus: byStatusSchema,
  worst: z.array(teamFindingSchema).meta({ description: 'Its worst findings, worst first (at most 5).' }),
  withoutExpiry: z.array(teamTokenRefSchema).meta({ description: 'Tokens (not revoked) that never expire.' }),
  exposed: z.array(teamTokenRefSchema).meta({ description: 'Tokens with a plaintext copy found on the machine.' }),
  pendingRevocations: z
    .array(teamTokenRefSchema)
    .meta({ description: 'Tokens whose revocation is not yet confirmed: the old value may still be live.' }),
  beyondMaxLifetime: z
    .array(teamTokenRefSchema)
    .meta({ description: 'Tokens that live longer than the policy allows.' }),
  shared: z.array(teamTokenRefSchema).meta({ description: 'Tokens whose fingerprint is also on another machine.' }),
  check: z.object({ threshold: z.enum(severities), passed: z.boolean(), failingCount: count }),
});
export type TeamMachine = z.infer<typeof teamMachineSchema>;

export const teamProviderSchema = z.object({
  provider: z.enum(providerIds),
  providerName: z.string(),
  tokenCount: count,
  machineCount: count,
  byStatus: byStatusSchema,
  withoutExpiry: count,
  exposed: count,
  pendingRevocations: count,
  beyondMaxLifetime: count,
  shared: count,
});
export type TeamProvider = z.infer<typeof teamProviderSchema>;

/** One fingerprint on more than one machine: one secret, several holders. */
export const sharedTokenSchema = z.object({
  provider: z.enum(providerIds),
  fingerprint: z.string(),
  holders: z
    .array(z.object({ key: z.string(), name: z.string(), file: z.string(), tokenId: z.string(), label: z.string() }))
    .min(2),
});
export type SharedToken = z.infer<typeof sharedTokenSchema>;

export const trendFindingSchema = z.object({
  tokenId: z.string(),
  label: z.string(),
  code: z.enum(findingCodes),
  severity: z.enum(severities),
});
export type TrendFinding = z.infer<typeof trendFindingSchema>;

/** What changed on one machine between two of its reports. */
export const machineTrendSchema = z.object({
  key: z.string(),
  name: z.string(),
  from: z.object({ file: z.string(), generatedAt: isoInstant }),
  to: z.object({ file: z.string(), generatedAt: isoInstant }),
  added: z.array(teamTokenRefSchema),
  removed: z.array(teamTokenRefSchema),
  rotated: z
    .array(teamTokenRefSchema)
    .meta({ description: 'Tokens whose value changed (new fingerprint) or that were rotated since.' }),
  revoked: z.array(teamTokenRefSchema),
  opened: z
    .array(trendFindingSchema)
    .meta({ description: 'Findings in the newer report that the older one did not have.' }),
  closed: z.array(trendFindingSchema).meta({ description: 'Findings of the older report that are gone.' }),
  failingBefore: count,
  failingAfter: count,
});
export type MachineTrend = z.infer<typeof machineTrendSchema>;

export const trendTotalsSchema = z.object({
  machines: count,
  added: count,
  removed: count,
  rotated: count,
  revoked: count,
  opened: count,
  closed: count,
  failingBefore: count,
  failingAfter: count,
});

/** The team's hygiene, merged from the reports of many machines. Holds what the reports hold: never a secret. */
export const teamViewSchema = z
  .object({
    teamVersion: z.literal(1),
    generatedAt: isoInstant,
    policy: z.object({
      source: z.enum(['reports', 'file']).meta({
        description:
          "reports: each machine judged by its own policy; file: every machine's policy with the team policy file on top.",
      }),
      file: z.string().nullable(),
      overrides: policyOverrideSchema.meta({ description: 'What the team policy file sets.' }),
      threshold: z.enum(severities).meta({
        description:
          "The threshold team findings (shared tokens, reports) fail at; a machine's own findings fail at its policy's.",
      }),
    }),
    totals: z.object({
      files: count.meta({ description: 'Report files read.' }),
      machines: count,
      tokens: count.meta({ description: "Tokens in the machines' newest reports." }),
      byStatus: byStatusSchema,
      problems: count,
      edited: count,
      shared: count,
    }),
    reports: z.array(teamReportSchema),
    problems: z.array(reportProblemSchema),
    machines: z.array(teamMachineSchema).meta({ description: 'Worst first.' }),
    providers: z.array(teamProviderSchema),
    shared: z.array(sharedTokenSchema),
    worst: z.array(teamFindingSchema).meta({ description: "The team's worst findings, worst first (at most 20)." }),
    check: z.object({
      passed: z.boolean(),
      failing: z
        .array(teamFindingSchema)
        .meta({ description: 'Every finding at its threshold or worse, worst first.' }),
    }),
    trend: z
      .object({ machines: z.array(machineTrendSchema), totals: trendTotalsSchema })
      .nullable()
      .meta({
        description: 'Per machine with an older report: what got better and worse; null when no machine has two.',
      }),
  })
  .meta({
    title: 'Lapse team view',
    description: "What `lapse team --format json` writes: many machines' hygiene reports merged.",
  });
export type TeamView = z.infer<typeof teamViewSchema>;
