import { z } from 'zod';
import { findingSchema, providerIds } from '../model.js';
import { severities, severityRank, type Severity } from '../severity.js';
import type { ReportToken } from './report-model.js';

/** One finding that reaches the policy's threshold, with the token it belongs to. */
export const failingFindingSchema = findingSchema.extend({
  tokenId: z.string(),
  label: z.string(),
  provider: z.enum(providerIds),
});
export type FailingFinding = z.infer<typeof failingFindingSchema>;

/** What `lapse check` answers: passed when no finding reaches the threshold. */
export const policyCheckSchema = z.object({
  passed: z.boolean(),
  threshold: z.enum(severities),
  evaluatedAt: z.iso.datetime({ offset: true }),
  tokenCount: z.number().int().min(0),
  /** Worst first, as the tokens are ordered. */
  failing: z.array(failingFindingSchema),
});
export type PolicyCheck = z.infer<typeof policyCheckSchema>;

/** Findings at the threshold or worse. `revoked` is history, never a failure. */
export function failingFindings(tokens: readonly ReportToken[], threshold: Severity): FailingFinding[] {
  return tokens.flatMap((token) =>
    token.findings
      .filter((f) => f.code !== 'revoked' && severityRank(f.severity) <= severityRank(threshold))
      .map((f) => ({ tokenId: token.id, label: token.label, provider: token.provider, ...f })),
  );
}
