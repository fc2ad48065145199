import type { ReportToken } from '../../shared/report/report-model.js';
import type { MachineTrend, TeamView, TrendFinding } from '../../shared/report/team-model.js';
import { failingFindings } from '../../shared/report/policy-check.js';
import type { JudgedReport } from './team-judge.js';
import { tokenRef } from './team-findings.js';

/** One side of a comparison: a machine's report, as judged. */
export interface TrendSide {
  file: string;
  generatedAt: string;
  judged: JudgedReport;
}

// `revoked` is history, not a problem opened: it counts under revoked instead.
const openFindings = (tokens: readonly ReportToken[]): Map<string, TrendFinding> =>
  new Map(
    tokens.flatMap((t) =>
      t.findings
        .filter((f) => f.code !== 'revoked')
        .map(
          (f) =>
            [`${t.id}\u0000${f.code}`, { tokenId: t.id, label: t.label, code: f.code, severity: f.severity }] as const,
        ),
    ),
  );

/**
 * What changed on one machine from an older report to a newer one: tokens added, removed,
 * rotated (a new fingerprint, or a later rotation date) and revoked; findings opened and closed
 * (a finding is its token and its code); and how many findings failed the check before and after.
 */
export function machineTrend(key: string, name: string, from: TrendSide, to: TrendSide): MachineTrend {
  const before = new Map(from.judged.tokens.map((t) => [t.id, t]));
  const after = new Map(to.judged.tokens.map((t) => [t.id, t]));
  const kept = to.judged.tokens.filter((t) => before.has(t.id));
  const old = (t: ReportToken) => before.get(t.id) as ReportToken;
  const openedBefore = openFindings(from.judged.tokens);
  const openedAfter = openFindings(to.judged.tokens);
  return {
    key,
    name,
    from: { file: from.file, generatedAt: from.generatedAt },
    to: { file: to.file, generatedAt: to.generatedAt },
    added: to.judged.tokens.filter((t) => !before.has(t.id)).map(tokenRef),
    removed: from.judged.tokens.filter((t) => !after.has(t.id)).map(tokenRef),
    rotated: kept
      .filter(
        (t) =>
          t.fingerprint !== old(t).fingerprint ||
          (t.lastRotatedAt !== null && t.lastRotatedAt !== old(t).lastRotatedAt),
      )
      .map(tokenRef),
    revoked: kept.filter((t) => t.revokedAt !== null && old(t).revokedAt === null).map(tokenRef),
    opened: [...openedAfter].filter(([k]) => !openedBefore.has(k)).map(([, f]) => f),
    closed: [...openedBefore].filter(([k]) => !openedAfter.has(k)).map(([, f]) => f),
    failingBefore: failingFindings(from.judged.tokens, from.judged.policy.threshold).length,
    failingAfter: failingFindings(to.judged.tokens, to.judged.policy.threshold).length,
  };
}

/** The team's trend: each machine's, worst change first, and the sums. Null when no machine has two reports. */
export function teamTrend(machines: MachineTrend[]): TeamView['trend'] {
  if (machines.length === 0) return null;
  const sum = (pick: (m: MachineTrend) => number) => machines.reduce((n, m) => n + pick(m), 0);
  const sorted = [...machines].sort(
    (a, b) => b.failingAfter - b.failingBefore - (a.failingAfter - a.failingBefore) || (a.name < b.name ? -1 : 1),
  );
  return {
    machines: sorted,
    totals: {
      machines: machines.length,
      added: sum((m) => m.added.length),
      removed: sum((m) => m.removed.length),
      rotated: sum((m) => m.rotated.length),
      revoked: sum((m) => m.revoked.length),
      opened: sum((m) => m.opened.length),
      closed: sum((m) => m.closed.length),
      failingBefore: sum((m) => m.failingBefore),
      failingAfter: sum((m) => m.failingAfter),
    },
  };
}
